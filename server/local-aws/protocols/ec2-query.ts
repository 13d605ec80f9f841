import { AwsError, notImplemented } from '../errors';
import type { RawRequest, RequestContext } from '../request-context';
import { QueryParams } from './query-params';
import { findOperation, type Ec2QueryService, type HttpResponse } from './service-definition';
import { XML_DECLARATION, escapeXml, writeChildren } from './xml-writer';

/**
 * EC2's query protocol. Members sit straight under <OperationResponse> (no Result wrapper) after
 * <requestId>, lists are <xxxSet><item>…, and errors use <Response><Errors><Error> with <RequestID>.
 */
export async function handleEc2Query(
  service: Ec2QueryService,
  request: RawRequest,
  ctx: RequestContext,
  params: QueryParams,
): Promise<HttpResponse> {
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action');
  const operation = findOperation(service.operations, action);
  if (!operation) {
    throw notImplemented(service.name, action);
  }
  const tree = await operation(params, ctx);
  const body =
    `${XML_DECLARATION}<${action}Response xmlns="${service.xmlns}">` +
    `<requestId>${ctx.requestId}</requestId>${writeChildren(tree, { listMember: 'item' })}</${action}Response>`;
  return xmlResponse(200, body, ctx);
}

export function renderEc2Error(error: AwsError, ctx: RequestContext): HttpResponse {
  const body =
    `${XML_DECLARATION}<Response><Errors><Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error></Errors>` +
    `<RequestID>${ctx.requestId}</RequestID></Response>`;
  return xmlResponse(error.status, body, ctx);
}

function xmlResponse(status: number, body: string, ctx: RequestContext): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': ctx.requestId },
    body,
  };
}
