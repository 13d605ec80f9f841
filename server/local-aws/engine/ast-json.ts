/**
 * DuckDB's syntax-tree JSON carries 64-bit integers (constants, `query_location`) and doubles, which
 * JSON.parse would round or re-spell. Integers longer than 15 digits and all non-integers are carried
 * through as tagged strings and written back as the same text, so 9007199254740993 and 1.0E20
 * survive the round trip exactly.
 */
const TAG = '\u0000int:';

export function parseAstJson<T>(text: string): T {
  return JSON.parse(tagLongIntegers(text), (key, value) => {
    // DuckDB writes "no location" as the largest uint64, which it cannot read back: drop it.
    if (key === 'query_location' && typeof value === 'string' && value.startsWith(TAG)) return undefined;
    return value;
  }) as T;
}

export function stringifyAst(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000int:(-?[0-9.eE+-]+)"/g, '$1');
}

export function isTaggedInteger(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(TAG);
}

export function taggedIntegerValue(value: string): string {
  return value.slice(TAG.length);
}

function tagLongIntegers(text: string): string {
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i])) i++;
      const number = text.slice(start, i);
      // Long integers and every non-integer keep their exact text (JS would print 1e20 as an integer).
      if (/^-?\d{16,}$/.test(number) || /[.eE]/.test(number)) {
        out += text.slice(last, start) + JSON.stringify(TAG + number);
        last = i;
      }
      continue;
    }
    i++;
  }
  return out + text.slice(last);
}
