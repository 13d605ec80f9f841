import { AwsError, notImplemented } from '../errors';
import type { RequestContext } from '../request-context';
import type { QueryParams } from './query-params';
import { findOperation, type AwsQueryService, type HttpResponse } from './service-definition';
import { XML_DECLARATION, escapeXml, writeChildren } from './xml-writer';

/**
 * The awsQuery protocol (CloudFormation, STS): results inside <OperationResult>, request id in
 * <ResponseMetadata>, lists as <member>, errors as <ErrorResponse><Error><Type/><Code/><Message/>.
 */
export async function handleAwsQuery(service: AwsQueryService, ctx: RequestContext, params: QueryParams): Promise<HttpResponse> {
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action');
  const operation = findOperation(service.operations, action);
  if (!operation) throw notImplemented(service.name, action);
  const tree = await operation(params, ctx);
  const result = writeChildren(tree, { listMember: 'member' });
  const body =
    `${XML_DECLARATION}<${action}Response xmlns="${service.xmlns}">` +
    (result === '' ? `<${action}Result/>` : `<${action}Result>${result}</${action}Result>`) +
    `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId }, body };
}

export function renderAwsQueryError(service: AwsQueryService | undefined, error: AwsError, ctx: RequestContext): HttpResponse {
  const xmlns = service ? ` xmlns="${service.xmlns}"` : '';
  const body =
    `${XML_DECLARATION}<ErrorResponse${xmlns}><Error><Type>${error.fault}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${ctx.requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId }, body };
}
