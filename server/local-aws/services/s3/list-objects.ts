import type { ObjectRecord, S3Store } from './s3-store';

export interface ListRequest {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  /** List strictly after this key (V1 Marker, V2 StartAfter or continuation). */
  after?: string;
}

export interface ListPage {
  contents: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned: where the next page continues from. */
  lastReturned?: string;
}

/**
 * S3's listing: keys in UTF-8 byte order, filtered by prefix, with keys that contain the delimiter
 * after the prefix rolled up into one CommonPrefix each. Keys and common prefixes share max-keys.
 * Whole ranges under a common prefix are skipped in the index rather than read.
 */
export function listObjects(store: S3Store, request: ListRequest): ListPage {
  const contents: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  const before = request.prefix === '' ? undefined : successor(request.prefix);
  let cursorAfter = request.after !== undefined && request.after >= request.prefix ? request.after : undefined;
  let cursorFrom: string | undefined = cursorAfter === undefined ? request.prefix || undefined : undefined;
  let lastReturned: string | undefined;
  if (request.maxKeys === 0) return { contents, commonPrefixes, isTruncated: false };

  for (;;) {
    const batch = store.scanKeys(request.bucket, { after: cursorAfter, from: cursorFrom, before, limit: 1000 });
    if (batch.length === 0) return { contents, commonPrefixes, isTruncated: false, lastReturned };
    let jumped = false;
    for (const object of batch) {
      const rollup = request.delimiter ? commonPrefixOf(object.key, request.prefix, request.delimiter) : undefined;
      if (rollup !== undefined && request.after !== undefined && rollup <= request.after) {
        // A continuation that ended on this common prefix: skip everything under it.
        cursorAfter = undefined;
        cursorFrom = successor(rollup);
        jumped = true;
        break;
      }
      if (contents.length + commonPrefixes.length === request.maxKeys) {
        return { contents, commonPrefixes, isTruncated: true, lastReturned };
      }
      if (rollup !== undefined) {
        commonPrefixes.push(rollup);
        lastReturned = rollup;
        cursorAfter = undefined;
        cursorFrom = successor(rollup);
        jumped = true;
        break;
      }
      contents.push(object);
      lastReturned = object.key;
      cursorAfter = object.key;
      cursorFrom = undefined;
    }
    if (!jumped && batch.length < 1000) return { contents, commonPrefixes, isTruncated: false, lastReturned };
  }
}

function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/** The smallest string greater than every string that starts with `prefix`. */
export function successor(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
