/**
 * Whether an If-Match / If-None-Match style header names an object's ETag: a comma list of
 * entity tags, quoted or not, weak (`W/`) or not, or `*` for any object. One rule for reads
 * (GetObject/HeadObject), copy sources and conditional writes.
 */
export function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });
}
