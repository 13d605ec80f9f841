import { findFlowLogField } from './flow-logs/fields';
import { identifierName, significantTokens, tokenizeSql, type SqlToken } from './sql-tokenizer';

/**
 * Parameterized queries: what each `?` of a statement stands for, judged from what it is compared
 * with, and how a value the user typed becomes an Athena execution parameter. Values travel in
 * StartQueryExecution's ExecutionParameters as SQL literals (`'10.0.0.1'`, `22`) — the statement
 * text itself is never changed.
 */

/**
 * - ip: compared with srcaddr, dstaddr, pkt_srcaddr or pkt_dstaddr — an IPv4 or IPv6 address.
 * - port: srcport or dstport — a whole number 0–65535.
 * - integer / number / string: a column of that type.
 * - literal: no known context — any single SQL literal ('text', 42, DATE '2024-01-01', TRUE…).
 */
export type ParameterKind = 'ip' | 'port' | 'integer' | 'number' | 'string' | 'literal';

export interface ParameterContext {
  /** 0-based position among the statement's placeholders. */
  index: number;
  kind: ParameterKind;
  /** The column the placeholder is compared with, when there is one. */
  column: string | null;
}

const ADDRESS_COLUMNS = new Set(['srcaddr', 'dstaddr', 'pkt_srcaddr', 'pkt_dstaddr']);
const PORT_COLUMNS = new Set(['srcport', 'dstport']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
/** Athena's ExecutionParameters entries are 1–1024 characters. */
export const MAX_PARAMETER_LENGTH = 1024;

function isKeyword(token: SqlToken | undefined, word: string): boolean {
  return token?.type === 'keyword' && token.text.toUpperCase() === word;
}

function isComparison(token: SqlToken | undefined): boolean {
  if (!token) return false;
  if (token.type === 'operator') return COMPARISONS.has(token.text);
  return isKeyword(token, 'LIKE');
}

/** Keywords that are also ordinary column names (the flow-log partition keys year/month/day/hour among them). */
const NAME_KEYWORDS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'DATE', 'TIME', 'TIMESTAMP', 'DATA', 'COMMENT', 'FORMAT', 'LOCATION', 'ZONE', 'FIRST', 'LAST', 'NEXT', 'ROW', 'FILTER', 'JSON', 'STRING']);

function isName(token: SqlToken | undefined): boolean {
  if (token === undefined) return false;
  if (token.type === 'keyword') return NAME_KEYWORDS.has(token.text.toUpperCase());
  return token.type === 'identifier' || token.type === 'quoted-identifier';
}

function isValue(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.type === 'parameter' || token.type === 'number' || token.type === 'string');
}

/** The column a name expression ending at `end` refers to (`t.srcaddr` → srcaddr). */
function columnEndingAt(tokens: SqlToken[], end: number): string | null {
  return isName(tokens[end]) ? identifierName(tokens[end]) : null;
}

/** The column a name expression starting at `start` refers to (`t.srcaddr` → srcaddr, following the dots). */
function columnStartingAt(tokens: SqlToken[], start: number): string | null {
  let at = start;
  if (!isName(tokens[at])) return null;
  while (tokens[at + 1]?.text === '.' && isName(tokens[at + 2])) at += 2;
  return identifierName(tokens[at]);
}

/** The column compared with the placeholder at position `p` of the significant tokens, if the shape is a known one. */
function comparedColumn(tokens: SqlToken[], p: number): string | null {
  // column = ?   column LIKE ?   column NOT LIKE ?
  if (isComparison(tokens[p - 1])) return columnEndingAt(tokens, p - 2);
  // column BETWEEN ? AND ?
  if (isKeyword(tokens[p - 1], 'BETWEEN')) return columnEndingAt(tokens, p - 2);
  if (isKeyword(tokens[p - 1], 'AND') && isValue(tokens[p - 2]) && isKeyword(tokens[p - 3], 'BETWEEN')) return columnEndingAt(tokens, p - 4);
  // ? = column
  if (isComparison(tokens[p + 1]) && !isKeyword(tokens[p + 1], 'LIKE')) return columnStartingAt(tokens, p + 2);
  // column IN (…, ?, …)   column NOT IN (…)
  let q = p - 1;
  while (q >= 0 && (tokens[q].text === ',' || isValue(tokens[q]))) q -= 1;
  if (tokens[q]?.text === '(' && isKeyword(tokens[q - 1], 'IN')) {
    const before = isKeyword(tokens[q - 2], 'NOT') ? q - 3 : q - 2;
    return columnEndingAt(tokens, before);
  }
  return null;
}

const INTEGER_TYPES = /^(tinyint|smallint|int|integer|bigint)$/;
const NUMBER_TYPES = /^(double|float|real|decimal(\(.*\))?)$/;
const STRING_TYPES = /^(string|varchar(\(\d+\))?|char(\(\d+\))?)$/;

/** What a value compared with `column` must be. `columnTypes` (Glue types by lower-case name) covers non-flow-log tables. */
export function parameterKindForColumn(column: string | null, columnTypes: Readonly<Record<string, string>> = {}): ParameterKind {
  if (!column) return 'literal';
  const name = column.toLowerCase().replace(/-/g, '_');
  if (ADDRESS_COLUMNS.has(name)) return 'ip';
  if (PORT_COLUMNS.has(name)) return 'port';
  const declared = columnTypes[name]?.toLowerCase().trim();
  const type = declared ?? findFlowLogField(name.replace(/_/g, '-'))?.athenaType;
  if (!type) return 'literal';
  if (INTEGER_TYPES.test(type)) return 'integer';
  if (NUMBER_TYPES.test(type)) return 'number';
  if (STRING_TYPES.test(type)) return 'string';
  return 'literal';
}

/** One context per `?` of the statement, in order. */
export function detectParameterContexts(sql: string, columnTypes: Readonly<Record<string, string>> = {}): ParameterContext[] {
  const tokens = significantTokens(tokenizeSql(sql));
  const contexts: ParameterContext[] = [];
  tokens.forEach((token, position) => {
    if (token.type !== 'parameter') return;
    const column = comparedColumn(tokens, position);
    contexts.push({ index: contexts.length, column, kind: parameterKindForColumn(column, columnTypes) });
  });
  return contexts;
}

// ---------------------------------------------------------------------------------------------
// Values

export type ParameterError = 'required' | 'tooLong' | 'ip' | 'port' | 'integer' | 'number' | 'literal';

export type ParameterValue = { ok: true; value: string } | { ok: false; error: ParameterError };

const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}$`);

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** RFC 4291 text forms: eight groups, one `::` for a run of zero groups, an optional trailing IPv4 part. */
export function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length > 45) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i += 1) {
    const group = all[i];
    // An embedded IPv4 part may only end the address (::ffff:10.0.0.1), never precede a `::`.
    const last = i === all.length - 1 && !text.endsWith(':');
    if (last && group.includes('.')) {
      if (!isIPv4(group)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      count += 1;
    } else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** `'it''s'` for `it's`: the SQL string literal of a text. */
export function sqlStringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The text inside a complete single-quoted literal, or null when `text` is not exactly one. */
function unquote(text: string): string | null {
  if (text.length < 2 || !text.startsWith("'") || !text.endsWith("'")) return null;
  const inner = text.slice(1, -1);
  // Every quote inside must be doubled.
  if (inner.replace(/''/g, '').includes("'")) return null;
  return inner.replace(/''/g, "'");
}

const TYPED_LITERAL = /^(DATE|TIME|TIMESTAMP|DECIMAL|CHAR|VARCHAR|JSON|IPADDRESS|INTERVAL)$/i;

/** Exactly one SQL literal: a number, a string, TRUE/FALSE/NULL, a typed literal (DATE '…', INTERVAL '1' DAY), X'…'. */
export function isSqlLiteral(text: string): boolean {
  const tokens = significantTokens(tokenizeSql(text.trim()));
  const complete = (token: SqlToken | undefined) => token?.type === 'string' && token.text.length > 1 && unquote(token.text.replace(/^[xX]/, '')) !== null;
  if (tokens.length === 1) {
    const [only] = tokens;
    if (only.type === 'number') return /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(only.text);
    if (only.type === 'string') return complete(only);
    return only.type === 'keyword' && /^(TRUE|FALSE|NULL)$/i.test(only.text);
  }
  if (tokens.length === 2 && tokens[0].type === 'operator' && tokens[0].text === '-' && tokens[1].type === 'number') return isSqlLiteral(tokens[1].text);
  if (tokens.length >= 2 && tokens[0].type === 'keyword' && TYPED_LITERAL.test(tokens[0].text) && complete(tokens[1])) {
    if (tokens.length === 2) return true;
    // INTERVAL '2' DAY, INTERVAL '1' HOUR TO SECOND
    return /^INTERVAL$/i.test(tokens[0].text) && tokens.slice(2).every((token) => token.type === 'keyword' && /^(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND|TO)$/i.test(token.text));
  }
  return false;
}

const INT64_MAX = BigInt('9223372036854775807');
const INT64_MIN = BigInt('-9223372036854775808');

/**
 * The execution parameter for what the user typed in a placeholder of this kind, or why it can't be
 * one. Addresses and strings may be typed with or without quotes; they are sent quoted.
 */
export function toExecutionParameter(raw: string, kind: ParameterKind): ParameterValue {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'required' };
  let value: string | null;
  switch (kind) {
    case 'ip': {
      const address = unquote(text) ?? text;
      value = isIpAddress(address) ? sqlStringLiteral(address) : null;
      if (value === null) return { ok: false, error: 'ip' };
      break;
    }
    case 'port': {
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) return { ok: false, error: 'port' };
      value = String(Number(text));
      break;
    }
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return { ok: false, error: 'integer' };
      const big = BigInt(text);
      if (big > INT64_MAX || big < INT64_MIN) return { ok: false, error: 'integer' };
      value = big.toString();
      break;
    }
    case 'number': {
      if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { ok: false, error: 'number' };
      value = text;
      break;
    }
    case 'string': {
      const inner = unquote(text);
      value = sqlStringLiteral(inner ?? text);
      break;
    }
    case 'literal': {
      if (!isSqlLiteral(text)) return { ok: false, error: 'literal' };
      value = text;
      break;
    }
  }
  if (value.length > MAX_PARAMETER_LENGTH) return { ok: false, error: 'tooLong' };
  return { ok: true, value };
}
