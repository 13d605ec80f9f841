/** URLs of the S3 browser. Keys go in the query string: they may hold "/", spaces, ":" or any Unicode. */
export function bucketHref(bucket: string, prefix = ''): string {
  const base = `/s3/buckets/${encodeURIComponent(bucket)}`;
  return prefix ? `${base}?prefix=${encodeURIComponent(prefix)}` : base;
}

export function objectHref(bucket: string, key: string): string {
  return `/s3/object/${encodeURIComponent(bucket)}?key=${encodeURIComponent(key)}`;
}

export function downloadHref(bucket: string, key: string): string {
  return `/api/s3/download?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`;
}

/** The bucket segment of a route; tolerant of being decoded already. */
export function bucketFromParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
