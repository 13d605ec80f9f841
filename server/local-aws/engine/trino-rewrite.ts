import { at, QueryFailure } from './query-errors';
import { duckdbType, parseType, TypeParseError, type SqlType } from './sql-types';
import { quoteIdentifier, quoteString, SqlSyntaxError, tokenize, type Token } from './trino-lexer';

/**
 * The token-level half of the Trino → DuckDB dialect layer. It re-spells what DuckDB's parser would
 * read differently or not at all — Trino type names in CAST and typed literals, Unicode strings and
 * identifiers, binary literals, `VALUES 1, 2`, `TABLE t` — substitutes `?` parameters, and emits
 * every identifier double-quoted and every string in plain '…' form. Comments are dropped.
 *
 * The output keeps a map from its character offsets back to the original SQL, so DuckDB's error
 * positions can be reported as Trino's `line L:C` in the user's text.
 */

/** Prefix of names the engine gives its own relations; user SQL may not use it. */
export const INTERNAL_PREFIX = '__athena';

export interface RewrittenSql {
  sql: string;
  /** Maps an offset in `sql` to an offset in the original text. */
  originalOffset(offset: number): number;
  tokens: Token[];
}

interface Segment {
  out: number;
  src: number;
  length: number;
}

const TYPED_LITERAL_TYPES = new Set([
  'DATE', 'TIME', 'TIMESTAMP', 'DECIMAL', 'REAL', 'DOUBLE', 'BIGINT', 'INTEGER', 'INT', 'SMALLINT', 'TINYINT', 'VARCHAR', 'CHAR',
  'JSON', 'BOOLEAN', 'VARBINARY', 'UUID',
]);

/** Clause words that end a VALUES row list. */
const VALUES_END = new Set(['ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'EXCEPT', 'INTERSECT', 'AS', 'WINDOW']);

/**
 * Rewrites a query (SELECT / WITH / VALUES / TABLE / parenthesised query). Throws SqlSyntaxError for
 * what Trino's grammar rejects and QueryFailure for what its analyzer rejects (unknown types,
 * parameter count).
 */
export function rewriteQueryTokens(sql: string, parameters: string[] | undefined): RewrittenSql {
  const tokens = tokenize(sql);
  const body = trimTrailingSemicolon(tokens);
  const writer = new Writer(body, substituteParameters(body, parameters));
  let from = 0;
  const first = body[0];
  if (first.kind === 'word' && first.upper === 'TABLE') {
    // `TABLE t` is Trino's shorthand for SELECT * FROM t.
    writer.emit('SELECT * FROM', first.start, 5);
    from = 1;
  }
  writer.range(from, body.length);
  const segments = writer.segments;
  return {
    sql: writer.out,
    tokens,
    originalOffset(offset: number) {
      let chosen = segments[0];
      for (const segment of segments) {
        if (segment.out <= offset) chosen = segment;
        else break;
      }
      if (!chosen) return 0;
      return chosen.src + Math.min(Math.max(0, offset - chosen.out), Math.max(0, chosen.length - 1));
    },
  };
}

class Writer {
  out = '';
  segments: Segment[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly parameters: Map<number, string>,
  ) {}

  emit(text: string, src: number, srcLength = text.length) {
    if (this.out.length > 0) this.out += ' ';
    this.segments.push({ out: this.out.length, src, length: srcLength });
    this.out += text;
  }

  /** Rewrites tokens[from, to). */
  range(from: number, to: number) {
    const tokens = this.tokens;
    for (let i = from; i < to; i++) {
      const token = tokens[i];
      switch (token.kind) {
        case 'param':
          this.emit(`(${this.parameters.get(i)!})`, token.start, 1);
          break;
        case 'quoted':
          checkIdentifier(token);
          this.emit(quoteIdentifier(token.value), token.start, token.text.length);
          break;
        case 'unicode_string':
        case 'string':
          this.emit(quoteString(token.value), token.start, token.text.length);
          break;
        case 'binary':
          this.emit(`CAST(${quoteString(token.value.replace(/(..)/g, '\\x$1'))} AS BLOB)`, token.start, token.text.length);
          break;
        case 'number':
          this.emit(normalizeNumber(token), token.start, token.text.length);
          break;
        case 'word': {
          checkIdentifier(token);
          const next = tokens[i + 1];
          if ((token.upper === 'CAST' || token.upper === 'TRY_CAST') && next?.text === '(' && i + 1 < to) {
            i = this.cast(i, to);
            break;
          }
          if (TYPED_LITERAL_TYPES.has(token.upper) && next?.kind === 'string' && i + 1 < to && !isQualified(tokens, i)) {
            this.emit(typedLiteral(token, next), token.start, next.end - token.start);
            i++;
            break;
          }
          if (token.upper === 'DOUBLE' && next?.upper === 'PRECISION' && tokens[i + 2]?.kind === 'string' && i + 2 < to) {
            this.emit(`CAST(${quoteString(tokens[i + 2].value)} AS DOUBLE)`, token.start, tokens[i + 2].end - token.start);
            i += 2;
            break;
          }
          if (token.upper === 'VALUES') {
            this.emit('VALUES', token.start, token.text.length);
            i = this.values(i + 1, to) - 1;
            break;
          }
          if (next?.text === '(' || isKeywordLike(token) || isQualified(tokens, i)) this.emit(token.text, token.start, token.text.length);
          else this.emit(quoteIdentifier(token.text.toLowerCase()), token.start, token.text.length);
          break;
        }
        case 'op':
          if (token.text === ';') throw new SqlSyntaxError(token.line, token.column, `mismatched input ';'. Expecting: <EOF>`);
          this.emit(token.text, token.start);
          break;
        default:
          break;
      }
    }
  }

  /** CAST(expr AS type): the expression is rewritten normally, the type re-spelled for DuckDB. */
  private cast(i: number, to: number): number {
    const tokens = this.tokens;
    const castToken = tokens[i];
    let depth = 0;
    let asIndex = -1;
    let close = -1;
    for (let j = i + 1; j < to; j++) {
      const t = tokens[j];
      if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++;
      else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      } else if (depth === 1 && t.kind === 'word' && t.upper === 'AS') asIndex = j;
    }
    if (close < 0) {
      const last = tokens[to - 1];
      throw new SqlSyntaxError(last.line, last.column + last.text.length, "mismatched input '<EOF>'. Expecting: ')'");
    }
    if (asIndex < 0) {
      const t = tokens[close];
      throw new SqlSyntaxError(t.line, t.column, "mismatched input ')'. Expecting: 'AS'");
    }
    if (asIndex === i + 2) {
      const t = tokens[asIndex];
      throw new SqlSyntaxError(t.line, t.column, "mismatched input 'AS'. Expecting: <expression>");
    }
    const typeTokens = tokens.slice(asIndex + 1, close);
    if (typeTokens.length === 0) {
      const t = tokens[close];
      throw new SqlSyntaxError(t.line, t.column, "mismatched input ')'. Expecting: <type>");
    }
    this.emit(castToken.upper, castToken.start, castToken.text.length);
    this.emit('(', tokens[i + 1].start);
    this.range(i + 2, asIndex);
    this.emit('AS', tokens[asIndex].start, 2);
    const typeText = typeTokens.map((t) => (t.kind === 'quoted' ? quoteIdentifier(t.value) : t.text)).join(' ');
    let type: SqlType;
    try {
      type = parseType(typeText);
    } catch (error) {
      if (error instanceof TypeParseError) {
        throw new QueryFailure('TYPE_NOT_FOUND', at(typeTokens[0], `Unknown type: ${typeText.toLowerCase()}`));
      }
      throw error;
    }
    this.emit(duckdbType(type), typeTokens[0].start, tokens[close].start - typeTokens[0].start);
    this.emit(')', tokens[close].start);
    return close;
  }

  /**
   * The rows of VALUES, from `start` to the end of the list. A bare expression becomes a one-column
   * row, `ROW(a, b)` a plain tuple. Returns the index after the list.
   */
  private values(start: number, to: number): number {
    const tokens = this.tokens;
    let i = start;
    for (;;) {
      let depth = 0;
      let end = i;
      for (; end < to; end++) {
        const t = tokens[end];
        if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++;
        else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && ((t.kind === 'op' && t.text === ',') || (t.kind === 'word' && VALUES_END.has(t.upper)))) break;
      }
      if (end === i) return end;
      const first = tokens[i];
      const isTuple = first.kind === 'op' && first.text === '(' && matchingClose(tokens, i, end) === end - 1;
      const isRow = first.kind === 'word' && first.upper === 'ROW' && tokens[i + 1]?.text === '(' && matchingClose(tokens, i + 1, end) === end - 1;
      if (isTuple) this.range(i, end);
      else if (isRow) this.range(i + 1, end);
      else {
        this.emit('(', first.start, 0);
        this.range(i, end);
        this.emit(')', tokens[end - 1].end, 0);
      }
      if (end < to && tokens[end].kind === 'op' && tokens[end].text === ',') {
        this.emit(',', tokens[end].start);
        i = end + 1;
        continue;
      }
      return end;
    }
  }
}

/** Words DuckDB must read as keywords are left bare; every other word is a (lower-cased) identifier. */
function isKeywordLike(token: Token): boolean {
  return KEYWORDS.has(token.upper);
}

/**
 * Trino's reserved words plus the non-reserved words that act as keywords in query syntax. Every other
 * word that is not a function name is a column or table name; it is quoted so that DuckDB's extra
 * reserved words (e.g. `show`, `limit` used as column names) never change the meaning.
 */
const KEYWORDS = new Set(
  `ALL AND ANY ARRAY AS ASC AT BETWEEN BOTH BY CASE CAST CROSS CUBE CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP
  LOCALTIME LOCALTIMESTAMP CURRENT_USER DAY DESC DISTINCT ELSE END ESCAPE EXCEPT EXISTS EXTRACT FALSE FETCH FILTER FIRST
  FOLLOWING FOR FROM FULL GROUP GROUPING HAVING HOUR IN INNER INTERSECT INTERVAL IS JOIN LAST LATERAL LEADING LEFT LIKE
  LIMIT MINUTE MONTH NATURAL NEXT NOT NULL NULLS OF OFFSET ON ONLY OR ORDER ORDINALITY OUTER OVER PARTITION POSITION
  PRECEDING RANGE RECURSIVE RIGHT ROLLUP ROW ROWS SECOND SELECT SETS SOME SUBSTRING TABLE THEN TIES TO TRAILING TRIM
  TRUE TRY_CAST UNBOUNDED UNION UNNEST USING VALUES WHEN WHERE WINDOW WITH YEAR ZONE TIME TIMESTAMP DATE CURRENT
  GROUPS NO QUARTER WEEK MILLISECOND`
    .split(/\s+/)
    .filter(Boolean),
);

function checkIdentifier(token: Token) {
  const name = token.kind === 'quoted' ? token.value : token.text;
  if (name.toLowerCase().startsWith(INTERNAL_PREFIX)) {
    throw new QueryFailure('COLUMN_NOT_FOUND', at(token, `Column '${name}' cannot be resolved`));
  }
}

/** A word after a '.' is a qualified name part, never a literal's type. */
function isQualified(tokens: Token[], i: number): boolean {
  return i > 0 && tokens[i - 1].text === '.' && tokens[i - 1].kind === 'op';
}

/** Trino: digits are integer/bigint, digits with a point decimal, anything with an exponent double. */
function normalizeNumber(token: Token): string {
  const text = token.value;
  if (/^0[xX]/.test(text)) return String(BigInt(text));
  if (/[eE]/.test(text)) return `CAST(${text} AS DOUBLE)`;
  return text;
}

function trimTrailingSemicolon(tokens: Token[]): Token[] {
  const body = tokens.slice(0, -1);
  if (body.length && body[body.length - 1].text === ';' && body[body.length - 1].kind === 'op') body.pop();
  if (body.length === 0) {
    const eof = tokens[tokens.length - 1];
    throw new SqlSyntaxError(eof.line, eof.column, "mismatched input '<EOF>'. Expecting: 'SELECT', 'TABLE', 'VALUES', 'WITH', <query>");
  }
  return body;
}

function matchingClose(tokens: Token[], open: number, to: number): number {
  let d = 0;
  for (let j = open; j < to; j++) {
    const t = tokens[j];
    if (t.kind === 'op' && (t.text === '(' || t.text === '[')) d++;
    else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
      d--;
      if (d === 0) return j;
    }
  }
  return -1;
}

/** Each `?` gets the literal of the same position in ExecutionParameters (Athena runs them as EXECUTE … USING). */
function substituteParameters(tokens: Token[], parameters: string[] | undefined): Map<number, string> {
  const slots = tokens.map((t, i) => (t.kind === 'param' ? i : -1)).filter((i) => i >= 0);
  const given = parameters ?? [];
  if (slots.length !== given.length) {
    const where = slots.length ? tokens[slots[0]] : tokens[0];
    throw new QueryFailure('INVALID_PARAMETER_USAGE', at(where, `Incorrect number of parameters: expected ${slots.length} but found ${given.length}`));
  }
  const map = new Map<number, string>();
  slots.forEach((slot, n) => map.set(slot, parameterLiteral(given[n], tokens[slot])));
  return map;
}

/** A parameter value must be one literal: a number, a string, TRUE/FALSE/NULL, or a typed/INTERVAL literal. */
export function parameterLiteral(value: string, where: Token): string {
  let tokens: Token[];
  try {
    tokens = tokenize(value).slice(0, -1);
  } catch {
    throw new QueryFailure('INVALID_PARAMETER_USAGE', at(where, `Invalid parameter value: ${value}`));
  }
  const bad = () => new QueryFailure('INVALID_PARAMETER_USAGE', at(where, `Parameter value must be a literal: ${value}`));
  let sign = '';
  let rest = tokens;
  if (tokens[0]?.kind === 'op' && tokens[0].text === '-') {
    sign = '-';
    rest = tokens.slice(1);
  }
  if (rest.length === 1) {
    const t = rest[0];
    if (t.kind === 'number') return sign + normalizeNumber(t);
    if (!sign && (t.kind === 'string' || t.kind === 'unicode_string')) return quoteString(t.value);
    if (!sign && t.kind === 'word' && ['TRUE', 'FALSE', 'NULL'].includes(t.upper)) return t.upper;
    if (!sign && t.kind === 'binary') return `CAST(${quoteString(t.value.replace(/(..)/g, '\\x$1'))} AS BLOB)`;
    throw bad();
  }
  if (!sign && rest.length === 2 && rest[0].kind === 'word' && TYPED_LITERAL_TYPES.has(rest[0].upper) && rest[1].kind === 'string') {
    return typedLiteral(rest[0], rest[1]);
  }
  if (!sign && rest.length >= 3 && rest[0].kind === 'word' && rest[0].upper === 'INTERVAL' && rest[1].kind === 'string') {
    const units = rest.slice(2).map((t) => t.upper);
    if (units.every((u) => /^(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND|TO)$/.test(u))) return `INTERVAL ${quoteString(rest[1].value)} ${units.join(' ')}`;
  }
  throw bad();
}

/** `DATE '…'`, `TIMESTAMP '…'`, `DECIMAL '…'` … as DuckDB casts with Trino's resulting types. */
function typedLiteral(typeToken: Token, literal: Token): string {
  const text = literal.value;
  switch (typeToken.upper) {
    case 'TIMESTAMP': {
      const zoned = /\d{2}:\d{2}/.test(text) && /(?:[+-]\d{1,2}(?::?\d{2})?|\s+[A-Za-z][A-Za-z0-9_/+-]*)\s*$/.test(text.trim());
      return `CAST(${quoteString(text)} AS ${zoned ? 'TIMESTAMPTZ' : 'TIMESTAMP'})`;
    }
    case 'DECIMAL': {
      const m = /^\s*[+-]?(\d*)(?:\.(\d*))?\s*$/.exec(text);
      if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
        throw new QueryFailure('INVALID_LITERAL', at(typeToken, `'${text}' is not a valid DECIMAL literal`));
      }
      const integerDigits = (m[1] ?? '').replace(/^0+(?=\d)/, '').length || 1;
      const scale = (m[2] ?? '').length;
      return `CAST(${quoteString(text.trim())} AS DECIMAL(${Math.min(38, Math.max(integerDigits + scale, 1))}, ${scale}))`;
    }
    case 'INT':
      return `CAST(${quoteString(text)} AS INTEGER)`;
    case 'CHAR':
    case 'VARCHAR':
      return quoteString(text);
    case 'VARBINARY':
      return `CAST(${quoteString(text)} AS BLOB)`;
    case 'REAL':
      return `CAST(${quoteString(text)} AS FLOAT)`;
    default:
      return `CAST(${quoteString(text)} AS ${typeToken.upper})`;
  }
}
