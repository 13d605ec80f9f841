import { MalformedQuery } from './query-errors';

/**
 * What kind of statement a query string is, decided as Athena decides it: leading whitespace and
 * comments are skipped, then the first keywords name the statement. This sets StatementType /
 * SubstatementType, the result file (`<id>.csv` for queries, `<id>.txt` for DDL and SHOW/DESCRIBE)
 * and which half of the engine runs it (Trino-dialect queries on DuckDB, Hive DDL on the Glue catalog).
 */

export type StatementType = 'DML' | 'DDL' | 'UTILITY';

export interface Classification {
  statementType: StatementType;
  substatementType: string;
  resultKind: 'csv' | 'txt' | 'none';
  /** query: Trino SQL run by DuckDB; ddl: Hive DDL / SHOW / DESCRIBE on the catalog; unsupported: fails when run. */
  engine: 'query' | 'ddl' | 'unsupported';
  /** For unsupported statements: the reason the query fails with. */
  reason?: string;
}

const EXPECTED_START =
  "'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UNLOAD', 'UPDATE', 'USE', <query>";

interface Word {
  text: string;
  upper: string;
  line: number;
  column: number;
}

/** The first few words of the statement, skipping comments (a comment between keywords counts as space). */
export function leadingWords(sql: string, count = 4): { words: Word[]; end: { line: number; column: number } } {
  const words: Word[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (sql[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
  };
  while (i < sql.length && words.length < count) {
    const c = sql[i];
    if (/\s/.test(c)) {
      advance(i + 1);
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      advance(nl < 0 ? sql.length : nl);
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) break;
      advance(close + 2);
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
    if (m) {
      words.push({ text: m[0], upper: m[0].toUpperCase(), line, column: i - lineStart + 1 });
      advance(i + m[0].length);
      continue;
    }
    words.push({ text: c, upper: c, line, column: i - lineStart + 1 });
    break;
  }
  return { words, end: { line, column: i - lineStart + 1 } };
}

export function classify(sql: string): Classification {
  const { words, end } = leadingWords(sql, 4);
  const [w0, w1, w2] = words;
  const u = (w?: Word) => w?.upper ?? '';
  const malformed = (w: Word | undefined, expected: string): never => {
    const where = w ?? { line: end.line, column: end.column, text: '<EOF>', upper: '<EOF>' };
    throw new MalformedQuery(`line ${where.line}:${where.column}: mismatched input '${where.text}'. Expecting: ${expected}`);
  };
  const query: Classification = { statementType: 'DML', substatementType: 'SELECT', resultKind: 'csv', engine: 'query' };
  const ddl = (statementType: StatementType, substatementType: string): Classification => ({ statementType, substatementType, resultKind: 'txt', engine: 'ddl' });
  const unsupported = (statementType: StatementType, substatementType: string, reason: string, resultKind: Classification['resultKind'] = 'txt'): Classification => ({
    statementType,
    substatementType,
    resultKind,
    engine: 'unsupported',
    reason,
  });

  switch (u(w0)) {
    case '':
      return malformed(undefined, EXPECTED_START);
    case 'SELECT':
    case 'WITH':
    case 'VALUES':
    case 'TABLE':
    case '(':
      return query;
    case 'EXPLAIN':
      return unsupported('DML', 'EXPLAIN', 'NOT_SUPPORTED: EXPLAIN is not supported by local Athena');
    case 'SHOW':
      switch (u(w1)) {
        case 'TABLES':
          return ddl('UTILITY', 'SHOW_TABLES');
        case 'DATABASES':
        case 'SCHEMAS':
          return ddl('UTILITY', 'SHOW_DATABASES');
        case 'PARTITIONS':
          return ddl('UTILITY', 'SHOW_PARTITIONS');
        case 'COLUMNS':
          return ddl('UTILITY', 'SHOW_COLUMNS');
        case 'TBLPROPERTIES':
          return ddl('UTILITY', 'SHOW_TABLE_PROPERTIES');
        case 'CREATE':
          if (u(w2) === 'TABLE') return ddl('UTILITY', 'SHOW_CREATE_TABLE');
          if (u(w2) === 'VIEW') return unsupported('UTILITY', 'SHOW_CREATE_VIEW', 'NOT_SUPPORTED: Views are not supported by local Athena');
          return malformed(w2, "'TABLE', 'VIEW'");
        case 'VIEWS':
          return ddl('UTILITY', 'SHOW_VIEWS');
        case 'FUNCTIONS':
          return unsupported('UTILITY', 'SHOW_FUNCTIONS', 'NOT_SUPPORTED: SHOW FUNCTIONS is not supported by local Athena', 'csv');
        default:
          return malformed(w1, "'COLUMNS', 'CREATE', 'DATABASES', 'FUNCTIONS', 'PARTITIONS', 'SCHEMAS', 'TABLES', 'TBLPROPERTIES', 'VIEWS'");
      }
    case 'DESCRIBE':
    case 'DESC':
      return ddl('UTILITY', 'DESCRIBE_TABLE');
    case 'CREATE':
      switch (u(w1)) {
        case 'EXTERNAL':
          return ddl('DDL', 'CREATE_TABLE');
        case 'TABLE':
          return isCreateTableAs(sql)
            ? unsupported('DDL', 'CREATE_TABLE_AS_SELECT', 'NOT_SUPPORTED: CREATE TABLE AS SELECT is not supported by local Athena', 'none')
            : ddl('DDL', 'CREATE_TABLE');
        case 'DATABASE':
        case 'SCHEMA':
          return ddl('DDL', 'CREATE_DATABASE');
        case 'VIEW':
          return unsupported('DDL', 'CREATE_VIEW', 'NOT_SUPPORTED: Views are not supported by local Athena');
        case 'OR':
          if (u(w2) === 'REPLACE') return unsupported('DDL', 'CREATE_VIEW', 'NOT_SUPPORTED: Views are not supported by local Athena');
          return malformed(w2, "'REPLACE'");
        default:
          return malformed(w1, "'DATABASE', 'EXTERNAL', 'OR', 'SCHEMA', 'TABLE', 'VIEW'");
      }
    case 'DROP':
      switch (u(w1)) {
        case 'TABLE':
          return ddl('DDL', 'DROP_TABLE');
        case 'DATABASE':
        case 'SCHEMA':
          return ddl('DDL', 'DROP_DATABASE');
        case 'VIEW':
          return unsupported('DDL', 'DROP_VIEW', 'NOT_SUPPORTED: Views are not supported by local Athena');
        default:
          return malformed(w1, "'DATABASE', 'SCHEMA', 'TABLE', 'VIEW'");
      }
    case 'ALTER':
      if (u(w1) === 'DATABASE' || u(w1) === 'SCHEMA') return unsupported('DDL', 'ALTER_DATABASE', 'NOT_SUPPORTED: ALTER DATABASE is not supported by local Athena');
      if (u(w1) !== 'TABLE') return malformed(w1, "'DATABASE', 'SCHEMA', 'TABLE', 'VIEW'");
      return ddl('DDL', alterSubstatement(sql));
    case 'MSCK':
      return ddl('DDL', 'MSCK_REPAIR');
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
    case 'UNLOAD':
    case 'VACUUM':
      return unsupported('DML', u(w0), `NOT_SUPPORTED: ${u(w0)} is not supported by local Athena: its tables are read-only`, 'none');
    case 'ANALYZE':
    case 'CALL':
    case 'COMMENT':
    case 'COMMIT':
    case 'DEALLOCATE':
    case 'DENY':
    case 'EXECUTE':
    case 'GRANT':
    case 'PREPARE':
    case 'REFRESH':
    case 'RESET':
    case 'REVOKE':
    case 'ROLLBACK':
    case 'SET':
    case 'START':
    case 'TRUNCATE':
    case 'USE':
      return unsupported('UTILITY', u(w0), 'NOT_SUPPORTED: Queries of this type are not supported');
    default:
      return malformed(w0, EXPECTED_START);
  }
}

function alterSubstatement(sql: string): string {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').toUpperCase();
  if (/\bADD\s+(IF\s+NOT\s+EXISTS\s+)?PARTITION\b/.test(text)) return 'ALTER_TABLE_ADD_PARTITION';
  if (/\bDROP\s+(IF\s+EXISTS\s+)?PARTITION\b/.test(text)) return 'ALTER_TABLE_DROP_PARTITION';
  if (/\bADD\s+COLUMNS\b/.test(text)) return 'ALTER_TABLE_ADD_COLUMNS';
  if (/\bREPLACE\s+COLUMNS\b/.test(text)) return 'ALTER_TABLE_REPLACE_COLUMNS';
  if (/\bSET\s+LOCATION\b/.test(text)) return 'ALTER_TABLE_SET_LOCATION';
  if (/\bSET\s+TBLPROPERTIES\b/.test(text)) return 'ALTER_TABLE_SET_TBLPROPERTIES';
  if (/\bRENAME\s+TO\b/.test(text)) return 'ALTER_TABLE_RENAME';
  return 'ALTER_TABLE';
}

/** `CREATE TABLE x AS SELECT …` / `WITH (…) AS …`: an AS at the top level, outside any parentheses. */
function isCreateTableAs(sql: string): boolean {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"/g, ' ');
  let depth = 0;
  const re = /[()]|\bAS\b/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0] === '(') depth++;
    else if (m[0] === ')') depth--;
    else if (depth === 0) return true;
  }
  return false;
}
