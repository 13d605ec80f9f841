import type { HttpResponse } from '../../protocols/service-definition';
import type { RawRequest } from '../../request-context';
import type { ObjectFiles } from '../../store/object-files';
import type { LambdaStore } from './lambda-store';
import { writeZip } from './zip-archive';

/**
 * GET /_local-aws/lambda-code/<region>/<function>: the deployment package GetFunction's
 * Code.Location points at (the uploaded zip, or inline code zipped on the fly).
 */
export async function lambdaCodeRoute(store: LambdaStore, files: ObjectFiles, request: RawRequest): Promise<HttpResponse> {
  const match = /^\/_local-aws\/lambda-code\/([a-z0-9-]+)\/([A-Za-z0-9-_]+)$/.exec(request.rawPath);
  const fn = match && request.method === 'GET' ? store.get(match[1], match[2]) : undefined;
  if (!fn) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'No such function.\n' };
  const zip =
    fn.code.kind === 'zip'
      ? await files.readAll(fn.code.fileId)
      : writeZip(Object.entries(fn.code.files).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));
  return { status: 200, headers: { 'content-type': 'application/zip' }, body: zip };
}
