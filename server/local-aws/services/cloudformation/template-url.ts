import { AwsError } from '../../errors';
import type { S3Store } from '../s3/s3-store';

/**
 * Reads the template a TemplateURL points at from local S3. Every form AWS accepts is understood:
 * virtual-hosted (`https://<bucket>.s3[.<region>|-<region>][.dualstack].amazonaws.com/<key>`),
 * path-style (`https://s3[.<region>].amazonaws.com/<bucket>/<key>`) and local AWS's own
 * (`http://127.0.0.1:<port>/<bucket>/<key>`, `http://localhost:<port>/…`, `http://<bucket>.localhost:<port>/<key>`).
 * Keys are percent-decoded, so a URL GetFlowLogsIntegrationTemplate returns works as is. `s3://` is
 * refused, as AWS refuses it.
 */
export const MAX_TEMPLATE_URL_BYTES = 1_000_000;

const VIRTUAL_HOSTED = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?(?:\.dualstack\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;
const PATH_STYLE = /^s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

export function parseTemplateUrl(templateUrl: string, localHosts: string[] = []): { bucket: string; key: string } {
  let url: URL;
  try {
    url = new URL(templateUrl);
  } catch {
    throw unsupported();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw unsupported();
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  const virtual = VIRTUAL_HOSTED.exec(host);
  if (virtual) return { bucket: virtual[1], key: decodeKey(path.slice(1)) };
  const local = LOCAL_HOSTS.has(host) || localHosts.includes(host);
  if (PATH_STYLE.test(host) || local) {
    const slash = path.indexOf('/', 1);
    if (slash < 0) throw unsupported();
    return { bucket: decodeKey(path.slice(1, slash)), key: decodeKey(path.slice(slash + 1)) };
  }
  const localVirtual = /^(.+)\.localhost$/.exec(host);
  if (localVirtual) return { bucket: localVirtual[1], key: decodeKey(path.slice(1)) };
  throw unsupported();
}

export async function readTemplateUrl(templateUrl: string, s3: S3Store, localHosts: string[] = []): Promise<string> {
  const { bucket, key } = parseTemplateUrl(templateUrl, localHosts);
  if (key === '') throw unsupported();
  if (!s3.getBucket(bucket)) throw new AwsError('ValidationError', 'S3 error: The specified bucket does not exist');
  const object = s3.getObject(bucket, key);
  if (!object) throw new AwsError('ValidationError', 'S3 error: The specified key does not exist.');
  if (object.size > MAX_TEMPLATE_URL_BYTES) {
    throw new AwsError('ValidationError', `Template may not exceed ${MAX_TEMPLATE_URL_BYTES} bytes in size.`);
  }
  return (await s3.files.readAll(object.fileId)).toString('utf8');
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw unsupported();
  }
}

function unsupported() {
  return new AwsError('ValidationError', 'TemplateURL must be a supported URL.');
}
