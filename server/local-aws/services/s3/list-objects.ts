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
  let cursorAfter = request.after !== undefined && compareKeys(request.after, request.prefix) >= 0 ? request.after : undefined;
  let cursorFrom: string | undefined = cursorAfter === undefined ? request.prefix || undefined : undefined;
  let lastReturned: string | undefined;
  if (request.maxKeys === 0) return { contents, commonPrefixes, isTruncated: false };

  for (;;) {
    const batch = store.scanKeys(request.bucket, { after: cursorAfter, from: cursorFrom, before, limit: 1000 });
    if (batch.length === 0) return { contents, commonPrefixes, isTruncated: false, lastReturned };
    let jumped = false;
    for (const object of batch) {
      const rollup = request.delimiter ? commonPrefixOf(object.key, request.prefix, request.delimiter) : undefined;
      if (rollup !== undefined && request.after !== undefined && compareKeys(rollup, request.after) <= 0) {
        // A continuation that ended on this common prefix: skip everything under it.
        cursorAfter = undefined;
        cursorFrom = successor(rollup);
        if (cursorFrom === undefined) return { contents, commonPrefixes, isTruncated: false, lastReturned };
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
        if (cursorFrom === undefined) return { contents, commonPrefixes, isTruncated: false, lastReturned };
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

/** The common prefix `key` rolls up into under `prefix` and `delimiter`, if any. */
export function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/**
 * S3 orders keys by their UTF-8 bytes, which is code-point order, and so does SQLite's BINARY
 * collation. JavaScript's `<` compares UTF-16 code units instead, which puts U+E000–U+FFFF after
 * every character above U+FFFF (`'ｆ' > '😀'` in JS, but not in S3): any comparison the listing makes
 * against what SQLite returned must use this, or a continuation skips or repeats keys.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The smallest string greater (in code-point order) than every string that starts with `prefix`:
 * its last code point plus one. Stepping a UTF-16 unit instead could land inside a surrogate pair
 * (U+D7FF + 1) or overflow (U+FFFF + 1), giving a bound that is not a valid, ordered string.
 */
export function successor(prefix: string): string | undefined {
  const codePoints = [...prefix].map((c) => c.codePointAt(0)!);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!;
    if (last === 0x10ffff) continue;
    const next = last === 0xd7ff ? 0xe000 : last + 1;
    return String.fromCodePoint(...codePoints, next);
  }
  return undefined;
}
