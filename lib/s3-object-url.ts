/**
 * Reads the bucket and key out of an S3 object URL, in the forms AWS hands out and accepts as a
 * CloudFormation TemplateURL:
 *   virtual-hosted  https://<bucket>.s3.amazonaws.com/<key>, https://<bucket>.s3.<region>.amazonaws.com/<key>,
 *                   https://<bucket>.s3-<region>.amazonaws.com/<key> (legacy), …dualstack…, .amazonaws.com.cn
 *   path-style      https://s3.amazonaws.com/<bucket>/<key>, https://s3.<region>.amazonaws.com/<bucket>/<key>
 *   local AWS       http://127.0.0.1:<port>/<bucket>/<key>, http://localhost:<port>/<bucket>/<key>
 * Keys come percent-decoded (a URL from GetFlowLogsIntegrationTemplate has `%3A` and the like in
 * them). Anything else — other hosts, s3:// URIs, a URL without a key — gives null.
 */
export interface S3ObjectLocation {
  bucket: string;
  key: string;
  /** The Region named in the host, when the URL names one. */
  region?: string;
}

const AWS_SUFFIX = /\.amazonaws\.com(?:\.cn)?$/;
/** `s3`, `s3.<region>`, `s3-<region>`, `s3.dualstack.<region>`, `s3-website…` is excluded (not an object endpoint). */
const S3_ENDPOINT = /^s3(?:(?:\.dualstack)?[.-]((?!website)[a-z]{2}(?:-[a-z]+)+-\d))?(?:\.dualstack)?$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function fromPath(pathname: string): { bucket: string; key: string } | null {
  const slash = pathname.indexOf('/', 1);
  if (slash < 0) return null;
  const bucket = decode(pathname.slice(1, slash));
  const key = decode(pathname.slice(slash + 1));
  if (!bucket || !key) return null;
  return { bucket, key };
}

export function parseS3ObjectUrl(raw: string): S3ObjectLocation | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();

  if (LOCAL_HOSTS.has(host)) return fromPath(url.pathname);

  if (!AWS_SUFFIX.test(host)) return null;
  const labels = host.replace(AWS_SUFFIX, '');

  // Path-style: the whole remaining host is the S3 endpoint.
  const pathStyle = S3_ENDPOINT.exec(labels);
  if (pathStyle) {
    const located = fromPath(url.pathname);
    return located && { ...located, ...(pathStyle[1] ? { region: pathStyle[1] } : {}) };
  }

  // Virtual-hosted: <bucket>.<endpoint>; bucket names may themselves contain dots, so try each split.
  for (let dot = labels.indexOf('.'); dot > 0; dot = labels.indexOf('.', dot + 1)) {
    const endpoint = S3_ENDPOINT.exec(labels.slice(dot + 1));
    if (!endpoint) continue;
    const key = decode(url.pathname.slice(1));
    if (!key) return null;
    return { bucket: labels.slice(0, dot), key, ...(endpoint[1] ? { region: endpoint[1] } : {}) };
  }
  return null;
}
