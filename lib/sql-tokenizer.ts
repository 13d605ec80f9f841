/**
 * A lossless tokenizer for Athena (Trino) SQL, for the query editor's highlighting and for finding
 * `?` parameters. It never throws and never drops text: joining the tokens' text always gives back
 * the input, so an unfinished statement (an open string, a half-typed comment) still shows as typed.
 */

export type SqlTokenType =
  | 'whitespace'
  | 'comment'
  | 'keyword'
  | 'function'
  | 'identifier'
  /** A double-quoted identifier such as "start". */
  | 'quoted-identifier'
  | 'string'
  | 'number'
  | 'operator'
  | 'punctuation'
  /** A `?` placeholder of a parameterized query. */
  | 'parameter';

export interface SqlToken {
  type: SqlTokenType;
  text: string;
  /** Offset of the token's first character in the input. */
  start: number;
}

/** Trino's reserved words plus the non-reserved words people read as keywords (types, DDL words). */
const KEYWORDS = new Set(
  `ADD ALL ALTER ANALYZE AND ANY ARRAY AS ASC AT BERNOULLI BETWEEN BIGINT BOOLEAN BY CALL CASCADE CASE CAST CHAR
  COLUMN COLUMNS COMMENT COMMIT CONSTRAINT CREATE CROSS CUBE CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATA
  DATABASE DATABASES DATE DAY DEALLOCATE DECIMAL DEFAULT DELETE DELIMITED DESC DESCRIBE DISTINCT DOUBLE DROP ELSE END
  ESCAPE EXCEPT EXECUTE EXISTS EXPLAIN EXTERNAL EXTRACT FALSE FETCH FIELDS FILTER FIRST FLOAT FOLLOWING FOR FORMAT FROM
  FULL FUNCTION FUNCTIONS GRANT GROUP GROUPING HAVING HOUR IF IGNORE IN INNER INSERT INT INTEGER INTERSECT INTERVAL INTO
  IS JOIN JSON LAST LATERAL LEFT LIKE LIMIT LOCATION MAP MINUTE MONTH MSCK NATURAL NEXT NO NOT NULL NULLS OF OFFSET ON
  ONLY OR ORDER ORDINALITY OUTER OVER PARTITION PARTITIONED PARTITIONS PRECEDING PREPARE PROPERTIES RANGE REAL RECURSIVE
  RENAME REPAIR REPLACE RESPECT RIGHT ROLLUP ROW ROWS SCHEMA SCHEMAS SECOND SELECT SERDE SERDEPROPERTIES SET SETS SHOW
  SMALLINT SOME STORED STRING STRUCT TABLE TABLES TABLESAMPLE TBLPROPERTIES TERMINATED THEN TIES TIME TIMESTAMP TINYINT
  TO TRUE TRY_CAST UESCAPE UNBOUNDED UNION UNNEST UPDATE USING VALUES VARBINARY VARCHAR VIEW VIEWS WHEN WHERE WINDOW WITH
  WITHOUT YEAR ZONE`.split(/\s+/),
);

const OPERATORS = ['<>', '!=', '<=', '>=', '||', '->', '=>', '=', '<', '>', '+', '-', '*', '/', '%'];
const PUNCTUATION = new Set(['(', ')', ',', ';', '.', '[', ']', '{', '}', ':']);

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isDigit = (c: string) => c >= '0' && c <= '9';
// Letters of any script start an identifier, as in Trino (which accepts Unicode identifiers).
const isIdentStart = (c: string) => /[\p{L}_]/u.test(c);
const isIdentPart = (c: string) => /[\p{L}\p{N}_@$]/u.test(c);

export function isSqlKeyword(word: string): boolean {
  return KEYWORDS.has(word.toUpperCase());
}

export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  const length = sql.length;
  let i = 0;
  const push = (type: SqlTokenType, end: number) => {
    tokens.push({ type, text: sql.slice(i, end), start: i });
    i = end;
  };
  /** The end of a quoted run that doubles its quote to escape it ('it''s', "a""b"); unterminated runs end at the input's end. */
  const quotedEnd = (from: number, quote: string) => {
    let j = from + 1;
    while (j < length) {
      if (sql[j] === quote) {
        if (sql[j + 1] === quote) j += 2;
        else return j + 1;
      } else j += 1;
    }
    return length;
  };

  while (i < length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (isSpace(c)) {
      let j = i + 1;
      while (j < length && isSpace(sql[j])) j += 1;
      push('whitespace', j);
    } else if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      push('comment', newline < 0 ? length : newline);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('comment', close < 0 ? length : close + 2);
    } else if (c === "'") {
      push('string', quotedEnd(i, "'"));
    } else if (c === '"') {
      push('quoted-identifier', quotedEnd(i, '"'));
    } else if (c === '`') {
      // Backquoted identifiers are Hive DDL syntax, which Athena accepts in DDL statements.
      const close = sql.indexOf('`', i + 1);
      push('quoted-identifier', close < 0 ? length : close + 1);
    } else if ((c === 'X' || c === 'x' || c === 'U' || c === 'u') && next === "'") {
      // X'0A' binary literals and U&'…' are rare; treat X'…' as one string token.
      push('string', quotedEnd(i + 1, "'"));
    } else if (isDigit(c) || (c === '.' && next !== undefined && isDigit(next))) {
      let j = i;
      while (j < length && isDigit(sql[j])) j += 1;
      if (sql[j] === '.') {
        j += 1;
        while (j < length && isDigit(sql[j])) j += 1;
      }
      if ((sql[j] === 'e' || sql[j] === 'E') && (isDigit(sql[j + 1] ?? '') || ((sql[j + 1] === '+' || sql[j + 1] === '-') && isDigit(sql[j + 2] ?? '')))) {
        j += 2;
        while (j < length && isDigit(sql[j])) j += 1;
      }
      // 10.0.0.1 typed bare is not a number; keep it together so it reads as one (wrong) token.
      while (j < length && (isIdentPart(sql[j]) || (sql[j] === '.' && isDigit(sql[j + 1] ?? '')))) j += 1;
      push('number', j);
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < length && isIdentPart(sql[j])) j += 1;
      const word = sql.slice(i, j);
      let k = j;
      while (k < length && isSpace(sql[k])) k += 1;
      const type: SqlTokenType = KEYWORDS.has(word.toUpperCase()) ? 'keyword' : sql[k] === '(' ? 'function' : 'identifier';
      push(type, j);
    } else if (c === '?') {
      push('parameter', i + 1);
    } else if (PUNCTUATION.has(c)) {
      push('punctuation', i + 1);
    } else {
      const operator = OPERATORS.find((op) => sql.startsWith(op, i));
      push('operator', i + (operator ? operator.length : 1));
    }
  }
  return tokens;
}

/** Tokens that carry meaning (no whitespace, no comments): what parameter detection reads. */
export function significantTokens(tokens: readonly SqlToken[]): SqlToken[] {
  return tokens.filter((token) => token.type !== 'whitespace' && token.type !== 'comment');
}

/** How many `?` placeholders the statement has (those in strings, identifiers and comments don't count). */
export function countSqlParameters(sql: string): number {
  return tokenizeSql(sql).filter((token) => token.type === 'parameter').length;
}

/**
 * An identifier's name as Athena matches it: Athena is case-insensitive for identifiers, quoted or
 * not, so both `SrcAddr` and `"SrcAddr"` name the column srcaddr. Null for tokens that name nothing.
 */
export function identifierName(token: SqlToken): string | null {
  if (token.type === 'identifier' || token.type === 'function' || token.type === 'keyword') return token.text.toLowerCase();
  if (token.type === 'quoted-identifier') {
    const quote = token.text[0];
    const closed = token.text.length > 1 && token.text.endsWith(quote);
    const inner = closed ? token.text.slice(1, -1) : token.text.slice(1);
    return (quote === '"' ? inner.replace(/""/g, '"') : inner).toLowerCase();
  }
  return null;
}
