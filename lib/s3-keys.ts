/**
 * Object keys and prefixes as the S3 console treats them: "/" separates folders, a key ending in "/"
 * is a folder marker, and anything else (spaces, colons, non-ASCII) is just part of the name.
 */

/** The last path segment of a key or prefix, without the trailing slash of a folder. */
export function baseName(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? trimmed : trimmed.slice(slash + 1);
}

/** The prefix (folder) that contains a key: "a/b/c.txt" → "a/b/", "c.txt" → "". */
export function parentPrefix(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? '' : trimmed.slice(0, slash + 1);
}

/** Each folder level of a prefix, for breadcrumbs: "a/b/" → [{name:"a",prefix:"a/"},{name:"b",prefix:"a/b/"}]. */
export function prefixLevels(prefix: string): { name: string; prefix: string }[] {
  const levels: { name: string; prefix: string }[] = [];
  let start = 0;
  for (let i = 0; i < prefix.length; i += 1) {
    if (prefix[i] === '/') {
      levels.push({ name: prefix.slice(start, i), prefix: prefix.slice(0, i + 1) });
      start = i + 1;
    }
  }
  return levels;
}

/** A prefix the console can list: empty, or ending in exactly the "/" it was given. */
export function normalizePrefix(prefix: string | undefined | null): string {
  if (!prefix) return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

export function s3Uri(bucket: string, key = ''): string {
  return `s3://${bucket}/${key}`;
}

export function s3Arn(bucket: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
}

/** A key for use in a URL path: every segment percent-encoded, the slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** The byte length S3 limits keys by (1,024 bytes of UTF-8). */
export function keyByteLength(key: string): number {
  return new TextEncoder().encode(key).length;
}

export const MAX_KEY_BYTES = 1024;

/** The extension the S3 console shows as an object's "Type" ("yml", "gz"), or "" when there is none. */
export function keyExtension(key: string): string {
  const name = baseName(key);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * A Content-Disposition header value that keeps non-ASCII file names: an ASCII fallback in
 * `filename` and the exact name in RFC 5987 `filename*`.
 */
export function contentDispositionAttachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sent by the console's uploader with every upload; a cross-site page cannot add a custom header
 * without a CORS preflight, so requests without it are refused.
 */
export const CONSOLE_UPLOAD_HEADER = 'x-console-upload';
