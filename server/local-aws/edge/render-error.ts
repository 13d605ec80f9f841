import { renderAwsQueryError } from '../protocols/aws-query';
import { renderEc2Error } from '../protocols/ec2-query';
import { renderJsonError } from '../protocols/json-1-1';
import type { HttpResponse, ServiceDefinition } from '../protocols/service-definition';
import type { AwsError } from '../errors';
import type { RawRequest, RequestContext } from '../request-context';

/** Renders an error in the envelope of the service the request was for (awsQuery when unknown). */
export function renderError(service: ServiceDefinition | undefined, error: AwsError, ctx: RequestContext, request: RawRequest): HttpResponse {
  switch (service?.protocol) {
    case 'ec2-query':
      return renderEc2Error(error, ctx);
    case 'json-1.1':
      return renderJsonError(error, ctx);
    case 'rest-xml':
    case 'rest-json':
      return service.renderError(error, ctx, request);
    case 'aws-query':
      return renderAwsQueryError(service, error, ctx);
    default:
      // No service matched: answer in the envelope the client is speaking, so it can read the error.
      if (request.headers['x-amz-target'] || String(request.headers['content-type'] ?? '').startsWith('application/x-amz-json')) {
        return renderJsonError(error, ctx);
      }
      return renderAwsQueryError(undefined, error, ctx);
  }
}
