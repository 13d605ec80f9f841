/**
 * Trino's lexical grammar, as Athena engine v3 reads SQL: `--` and `/* *\/` comments, '…' strings with
 * '' escapes, U&'…' Unicode strings, X'…' binary literals, "…" identifiers with "" escapes (U&"…" too),
 * numbers, operators. Anything outside it (DuckDB's `::`, `$1`, `$$…$$`, `{…}`, backquotes) is a token
 * recognition error, as it is in Athena: this is the first fence of the sandbox, before DuckDB ever
 * sees a character of the query.
 *
 * Positions are reported Trino's way: `line L:C` with 1-based line and column.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'unicode_string' | 'binary' | 'number' | 'op' | 'param' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text of the token, exactly as written. */
  text: string;
  /** Decoded value: identifier text (words upper-cased in `upper`), string contents, number text. */
  value: string;
  /** Upper-cased `text` for words (keyword matching). */
  upper: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

export class SqlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`line ${line}:${column}: ${detail}`);
  }
}

const OPERATORS = ['<>', '!=', '<=', '>=', '||', '->', '=>', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', '[', ']', ';', '?'];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const lineStarts = [0];
  for (let i = 0; i < sql.length; i++) if (sql[i] === '\n') lineStarts.push(i + 1);
  const locate = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const push = (kind: TokenKind, start: number, end: number, value: string) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value, upper: kind === 'word' ? text.toUpperCase() : text, start, end, ...locate(start) });
  };
  const fail = (offset: number, detail: string): never => {
    const { line, column } = locate(offset);
    throw new SqlSyntaxError(line, column, detail);
  };

  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      // Athena does not treat an unclosed /* as a comment: the '/' is an unexpected token.
      if (close < 0) fail(i, `mismatched input '/'`);
      i = close + 2;
      continue;
    }
    const start = i;
    if ((ch === 'U' || ch === 'u') && sql[i + 1] === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      const quote = sql[i + 2];
      const { end, body } = readQuoted(sql, i + 2, quote, fail);
      let escape = '\\';
      let after = end;
      // Optional UESCAPE 'c' after a Unicode string.
      const m = /^\s+UESCAPE\s+'(.)'/i.exec(sql.slice(end));
      if (m && quote === "'") {
        escape = m[1];
        after = end + m[0].length;
      }
      const decoded = decodeUnicodeEscapes(body, escape, () => fail(start, `Invalid Unicode escape sequence in ${sql.slice(start, end)}`));
      push(quote === "'" ? 'unicode_string' : 'quoted', start, after, decoded);
      i = after;
      continue;
    }
    if ((ch === 'X' || ch === 'x') && sql[i + 1] === "'") {
      const { end, body } = readQuoted(sql, i + 1, "'", fail);
      const hex = body.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})*$/.test(hex)) fail(start, `Binary literal can only contain hexadecimal digits`);
      push('binary', start, end, hex);
      i = end;
      continue;
    }
    if (ch === "'") {
      const { end, body } = readQuoted(sql, i, "'", fail);
      push('string', start, end, body);
      i = end;
      continue;
    }
    if (ch === '"') {
      const { end, body } = readQuoted(sql, i, '"', fail);
      if (body === '') fail(start, 'Zero-length delimited identifier not allowed');
      push('quoted', start, end, body);
      i = end;
      continue;
    }
    if (ch === '`') fail(i, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
    if (isLetter(ch) || ch === '_') {
      while (i < sql.length && (isLetter(sql[i]) || isDigit(sql[i]) || sql[i] === '_')) i++;
      push('word', start, i, sql.slice(start, i));
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(sql[i + 1] ?? ''))) {
      i = readNumber(sql, i);
      if (isLetter(sql[i] ?? '') || sql[i] === '_') {
        while (i < sql.length && (isLetter(sql[i]) || isDigit(sql[i]) || sql[i] === '_')) i++;
        fail(start, 'identifiers must not start with a digit; surround the identifier with double quotes');
      }
      push('number', start, i, sql.slice(start, i).replace(/_/g, ''));
      continue;
    }
    const op = OPERATORS.find((candidate) => sql.startsWith(candidate, i));
    if (!op) fail(i, `token recognition error at: '${ch}'`);
    i += op!.length;
    push(op === '?' ? 'param' : 'op', start, i, op!);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', upper: '<EOF>', start: sql.length, end: sql.length, ...locate(sql.length) });
  return tokens;
}

function readQuoted(sql: string, open: number, quote: string, fail: (offset: number, detail: string) => never): { end: number; body: string } {
  let i = open + 1;
  let body = '';
  for (;;) {
    if (i >= sql.length) fail(open, `mismatched input '${sql.slice(open, open + 20)}'`);
    const c = sql[i];
    if (c === quote) {
      if (sql[i + 1] === quote) {
        body += quote;
        i += 2;
        continue;
      }
      return { end: i + 1, body };
    }
    body += c;
    i++;
  }
}

function decodeUnicodeEscapes(body: string, escape: string, fail: () => never): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== escape) {
      out += body[i];
      continue;
    }
    if (body[i + 1] === escape) {
      out += escape;
      i++;
      continue;
    }
    if (body[i + 1] === '+') {
      const hex = body.slice(i + 2, i + 8);
      if (!/^[0-9a-fA-F]{6}$/.test(hex)) fail();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 7;
      continue;
    }
    const hex = body.slice(i + 1, i + 5);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
    out += String.fromCodePoint(parseInt(hex, 16));
    i += 4;
  }
  return out;
}

function readNumber(sql: string, i: number): number {
  if (sql[i] === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X') && /[0-9a-fA-F]/.test(sql[i + 2] ?? '')) {
    i += 2;
    while (/[0-9a-fA-F_]/.test(sql[i] ?? '')) i++;
    return i;
  }
  while (isDigit(sql[i] ?? '') || (sql[i] === '_' && isDigit(sql[i + 1] ?? ''))) i++;
  if (sql[i] === '.') {
    i++;
    while (isDigit(sql[i] ?? '')) i++;
  }
  if ((sql[i] === 'e' || sql[i] === 'E') && (isDigit(sql[i + 1] ?? '') || ((sql[i + 1] === '+' || sql[i + 1] === '-') && isDigit(sql[i + 2] ?? '')))) {
    i += 2;
    while (isDigit(sql[i] ?? '')) i++;
  }
  return i;
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** A token as DuckDB should read it: identifiers always double-quoted, strings always plain '…'. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `line L:C` of a character offset in `sql`. */
export function positionOf(sql: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < sql.length; i++) {
    if (sql[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
