import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbParser, type AstNode } from './duckdb-sandbox';
import { parseHiveDdl } from './hive-ddl';
import { QueryAnalyzer } from './query-analyzer';
import { MalformedQuery, QueryFailure } from './query-errors';
import { parseType, duckdbType, hiveTypeName, trinoTypeName } from './sql-types';
import { classify } from './statement';
import { SqlSyntaxError, tokenize } from './trino-lexer';
import { mysqlFormatToStrftime, jodaFormatToStrftime, javaReplacementToRe2 } from './trino-functions';
import { rewriteQueryTokens } from './trino-rewrite';
import { javaDouble, javaFloat, formatTimestampMicros } from './value-format';

const parser = new DuckDbParser();
afterAll(() => parser.close());

interface FakeTable {
  name: string;
  partitionKeys: string[];
}

/** Trino SQL → the DuckDB SQL the engine would run, with tables resolved by a fake catalog. */
async function translate(sql: string, parameters?: string[]) {
  const rewritten = rewriteQueryTokens(sql, parameters);
  const tree = await parser.serialize(rewritten.sql);
  if (tree.error) throw new Error(`parse: ${tree.error_message}`);
  const analyzer = new QueryAnalyzer<FakeTable>(
    {
      resolveTable: (name) => {
        if (name.table.toLowerCase() === 'missing') throw new QueryFailure('TABLE_NOT_FOUND', `Table '${name.table}' does not exist`);
        return { name: name.table.toLowerCase(), partitionKeys: ['year', 'month'] };
      },
      columnsOf: () => [],
      partitionKeysOf: (t) => t.partitionKeys,
      position: () => undefined,
    },
    parser,
  );
  await analyzer.analyzeRoot(tree.statements[0].node);
  return { sql: await parser.deserialize(tree), tables: analyzer.tables };
}

/** Evaluates a table-free Trino expression through the dialect layer on DuckDB. */
async function evaluate(expression: string): Promise<unknown> {
  const { sql } = await translate(`SELECT ${expression}`);
  const rows = await parser.rows(sql);
  return rows[0][0];
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('Trino lexer', () => {
  it('reads comments, strings, quoted and Unicode identifiers, numbers and operators with Trino positions', () => {
    const tokens = tokenize("SELECT /* c */ 'it''s', \"Col\"\"x\", U&'\\0041\\+01F600', x'0aFF' -- tail\nFROM t");
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'SELECT'],
      ['string', "it's"],
      ['op', ','],
      ['quoted', 'Col"x'],
      ['op', ','],
      ['unicode_string', 'A😀'],
      ['op', ','],
      ['binary', '0aFF'],
      ['word', 'FROM'],
      ['word', 't'],
      ['eof', ''],
    ]);
    expect(tokens[8]).toMatchObject({ line: 2, column: 1 });
    expect(tokenize('U&"read\\005fcsv"')[0]).toMatchObject({ kind: 'quoted', value: 'read_csv' });
  });

  it.each([
    ['SELECT 1::int', "line 1:9: token recognition error at: ':'"],
    ['SELECT $1', "line 1:8: token recognition error at: '$'"],
    ['SELECT $$x$$', "line 1:8: token recognition error at: '$'"],
    ['SELECT {a: 1}', "line 1:8: token recognition error at: '{'"],
    ['SELECT `x`', 'line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers'],
    ['SELECT 1 /* unclosed', "line 1:10: mismatched input '/'"],
    ["SELECT 'open", "line 1:8: mismatched input ''open'"],
    ['SELECT 1x', 'line 1:8: identifiers must not start with a digit; surround the identifier with double quotes'],
  ])('rejects what Trino does not lex: %s', (sql, message) => {
    expect(() => tokenize(sql)).toThrow(SqlSyntaxError);
    expect(() => tokenize(sql)).toThrow(message);
  });
});

describe('statement classification', () => {
  it.each([
    ['SELECT 1', 'DML', 'SELECT', 'csv'],
    ['-- c\n/* d */ WITH x AS (SELECT 1) SELECT * FROM x', 'DML', 'SELECT', 'csv'],
    ['VALUES 1', 'DML', 'SELECT', 'csv'],
    ['(SELECT 1)', 'DML', 'SELECT', 'csv'],
    ['SHOW TABLES', 'UTILITY', 'SHOW_TABLES', 'txt'],
    ['show databases', 'UTILITY', 'SHOW_DATABASES', 'txt'],
    ['DESCRIBE t', 'UTILITY', 'DESCRIBE_TABLE', 'txt'],
    ['CREATE EXTERNAL TABLE t (a int) LOCATION \'s3://b/\'', 'DDL', 'CREATE_TABLE', 'txt'],
    ['CREATE DATABASE d', 'DDL', 'CREATE_DATABASE', 'txt'],
    ["ALTER TABLE t ADD PARTITION (y='1')", 'DDL', 'ALTER_TABLE_ADD_PARTITION', 'txt'],
    ["ALTER TABLE t DROP IF EXISTS PARTITION (y='1')", 'DDL', 'ALTER_TABLE_DROP_PARTITION', 'txt'],
    ['MSCK REPAIR TABLE t', 'DDL', 'MSCK_REPAIR', 'txt'],
    ['DROP TABLE t', 'DDL', 'DROP_TABLE', 'txt'],
  ])('%s → %s/%s (%s)', (sql, type, sub, kind) => {
    expect(classify(sql)).toMatchObject({ statementType: type, substatementType: sub, resultKind: kind });
  });

  it.each([
    ["COPY t TO '/tmp/x'", "line 1:1: mismatched input 'COPY'"],
    ["ATTACH '/tmp/x.db'", "line 1:1: mismatched input 'ATTACH'"],
    ['INSTALL httpfs', "line 1:1: mismatched input 'INSTALL'"],
    ['LOAD httpfs', "line 1:1: mismatched input 'LOAD'"],
    ['PRAGMA version', "line 1:1: mismatched input 'PRAGMA'"],
    ["EXPORT DATABASE '/tmp/x'", "line 1:1: mismatched input 'EXPORT'"],
    ['CREATE MACRO m(a) AS a', "line 1:8: mismatched input 'MACRO'"],
    ['CREATE TEMP TABLE x AS SELECT 1', "line 1:8: mismatched input 'TEMP'"],
    ['FROM t SELECT *', "line 1:1: mismatched input 'FROM'"],
    ['SUMMARIZE t', "line 1:1: mismatched input 'SUMMARIZE'"],
    ['/* only a comment */', "line 1:21: mismatched input '<EOF>'"],
  ])('rejects DuckDB-only statements as Athena does: %s', (sql, message) => {
    expect(() => classify(sql)).toThrow(MalformedQuery);
    expect(() => classify(sql)).toThrow(message);
  });

  it('accepts Trino statements Athena parses but does not run, failing them later', () => {
    for (const sql of ['SET SESSION x = 1', 'CALL system.sync()', 'USE db', 'INSERT INTO t VALUES 1', 'CREATE TABLE x AS SELECT 1']) {
      expect(classify(sql).engine).toBe('unsupported');
    }
  });
});

describe('token rewrite', () => {
  it('re-spells Trino types, typed literals, VALUES and TABLE for DuckDB', () => {
    expect(rewriteQueryTokens("SELECT CAST(x AS varchar(10)), TRY_CAST(y AS array(row(a integer, b varchar))), CAST(z AS real)", undefined).sql).toBe(
      'SELECT CAST ( "x" AS VARCHAR ) , TRY_CAST ( "y" AS STRUCT("a" INTEGER, "b" VARCHAR)[] ) , CAST ( "z" AS FLOAT )',
    );
    expect(rewriteQueryTokens("SELECT DECIMAL '12.50', TIMESTAMP '2021-01-01 00:00:00 UTC', TIMESTAMP '2021-01-01 00:00:00', 1e3", undefined).sql).toBe(
      "SELECT CAST('12.50' AS DECIMAL(4, 2)) , CAST('2021-01-01 00:00:00 UTC' AS TIMESTAMPTZ) , CAST('2021-01-01 00:00:00' AS TIMESTAMP) , CAST(1e3 AS DOUBLE)",
    );
    expect(rewriteQueryTokens('VALUES 1, 2', undefined).sql).toBe('VALUES ( 1 ) , ( 2 )');
    expect(rewriteQueryTokens("VALUES (1, 'a'), ROW(2, 'b')", undefined).sql).toBe("VALUES ( 1 , 'a' ) , ( 2 , 'b' )");
    expect(rewriteQueryTokens('TABLE flows', undefined).sql).toBe('SELECT * FROM "flows"');
  });

  it('substitutes ? parameters only with single literals', () => {
    expect(rewriteQueryTokens('SELECT * FROM t WHERE a = ? AND b > ?', ["'10.0.0.1'", '-5']).sql).toBe(
      "SELECT * FROM \"t\" WHERE \"a\" = ('10.0.0.1') AND \"b\" > (-5)",
    );
    expect(rewriteQueryTokens('SELECT ?, ?, ?, ?', ["DATE '2021-04-15'", "INTERVAL '1' DAY", "X'0aff'", '1.5e3']).sql).toBe(
      "SELECT (CAST('2021-04-15' AS DATE)) , (INTERVAL '1' DAY) , (CAST('\\x0a\\xff' AS BLOB)) , (CAST(1.5e3 AS DOUBLE))",
    );
    expect(() => rewriteQueryTokens('SELECT ?', ["1; DROP TABLE t"])).toThrow(QueryFailure);
    expect(() => rewriteQueryTokens('SELECT ?', ["'a' || read_csv('/etc/passwd')"])).toThrow(/must be a literal/);
    expect(() => rewriteQueryTokens('SELECT ?, ?', ['1'])).toThrow('Incorrect number of parameters: expected 2 but found 1');
  });

  it('maps DuckDB error offsets back to the user text', () => {
    const rewritten = rewriteQueryTokens("SELECT\n  CAST(a AS varchar) FROM t", undefined);
    const offset = rewritten.sql.indexOf('FROM');
    expect(rewritten.originalOffset(offset)).toBe("SELECT\n  CAST(a AS varchar) FROM t".indexOf('FROM'));
  });

  it('refuses names of the engine\'s own relations', () => {
    expect(() => rewriteQueryTokens('SELECT * FROM __athena_q_0', undefined)).toThrow(QueryFailure);
  });
});

describe('syntax-tree checks (sandbox)', () => {
  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", "Function 'read_csv' not registered"],
    ["SELECT * FROM \"read_csv\"('/etc/passwd')", "Function 'read_csv' not registered"],
    ["SELECT * FROM U&\"read\\005fcsv\"('/etc/passwd')", "Function 'read_csv' not registered"],
    ["SELECT * FROM \"READ_CSV\"('/etc/passwd')", 'not registered'],
    ["SELECT * FROM read_parquet('/x.parquet')", "Function 'read_parquet' not registered"],
    ["SELECT * FROM glob('/*')", "Function 'glob' not registered"],
    ["SELECT read_text('/etc/passwd')", "Function 'read_text' not registered"],
    ["SELECT * FROM read_blob('/etc/passwd')", "Function 'read_blob' not registered"],
    ["SELECT current_setting('threads')", "Function 'current_setting' not registered"],
    ["SELECT getvariable('x')", "Function 'getvariable' not registered"],
    ['SELECT * FROM duckdb_settings()', "Function 'duckdb_settings' not registered"],
    ["SELECT * FROM query('SELECT 1')", "Function 'query' not registered"],
    ["SELECT main.read_text('/etc/passwd')", "Function 'read_text' not registered"],
    ["SELECT system.main.version()", "Function 'system.version' not registered"],
    ['SELECT /* read_csv */ x FROM (SELECT * FROM (SELECT * FROM read_csv_auto(\'/etc/passwd\'))) AS s(x)', "Function 'read_csv_auto' not registered"],
    ["WITH read_csv AS (SELECT 1 AS a) SELECT * FROM read_csv('/etc/passwd')", "Function 'read_csv' not registered"],
    ["SELECT (SELECT count(*) FROM sniff_csv('/etc/passwd'))", "Function 'sniff_csv' not registered"],
    ['SELECT COLUMNS(\'a\') FROM t', "Function 'columns' not registered"],
    ['SELECT * EXCLUDE (a) FROM t', 'is not supported'],
  ])('rejects %s', async (sql, message) => {
    expect(await failure(translate(sql))).toContain(message);
  });

  it.each([
    'SELECT a FROM t QUALIFY row_number() OVER () = 1',
    'SELECT a FROM t USING SAMPLE 10',
    "SELECT 'a' ILIKE 'A'",
    "SELECT 'a' GLOB 'A'",
    'SELECT a FROM t POSITIONAL JOIN u',
    'SELECT {a: 1}',
    'SELECT [1, 2]',
  ])('has no DuckDB-only syntax: %s', async (sql) => {
    // Words Trino does not reserve reach DuckDB as quoted names, so DuckDB's extra clauses cannot be spelled.
    expect(await failure(translate(sql))).toMatch(/parse: syntax error|not supported|not registered|token recognition error/);
  });

  it('keeps CTE references, resolves every other table name, and shadows tables with CTEs', async () => {
    const { tables } = await translate('WITH flows AS (SELECT 1 AS a) SELECT * FROM flows, other JOIN db.third USING (a)');
    expect(tables.map((t) => t.table.name)).toEqual(['other', 'third']);
    expect(await failure(translate('SELECT * FROM missing'))).toContain("Table 'missing' does not exist");
    const nested = await translate('WITH a AS (SELECT * FROM base) SELECT * FROM (SELECT * FROM a) x WHERE EXISTS (SELECT 1 FROM sub)');
    expect(nested.tables.map((t) => t.table.name)).toEqual(['base', 'sub']);
  });

  it('collects pushable partition predicates per table reference', async () => {
    const { tables } = await translate(
      "SELECT * FROM logs l JOIN other o ON l.a = o.a WHERE l.year = '2021' AND l.month IN ('04', '05') AND o.year > '2020' AND l.a = 1 AND (l.month = '04' OR o.a = 2)",
    );
    expect(tables[0].partitionPredicates).toHaveLength(2);
    expect(tables[1].partitionPredicates).toHaveLength(1);
    const outer = await translate("SELECT * FROM logs l LEFT JOIN other o ON l.a = o.a WHERE o.year = '2021'");
    expect(outer.tables[1].partitionPredicates).toHaveLength(0);
    const single = await translate("SELECT * FROM logs WHERE year = '2021' AND month BETWEEN '01' AND '06'");
    expect(single.tables[0].partitionPredicates).toHaveLength(2);
  });
});

describe('Trino functions on DuckDB', () => {
  it.each([
    ["from_unixtime(1618444800) = TIMESTAMP '2021-04-15 00:00:00 UTC'", true],
    ['to_unixtime(from_unixtime(1618444800))', 1618444800],
    ["date_format(TIMESTAMP '2021-04-05 07:08:09', '%Y-%m-%d %H:%i:%s %W %M %e %c')", '2021-04-05 07:08:09 Monday April 5 4'],
    ["format_datetime(TIMESTAMP '2021-04-05 07:08:09', 'yyyy-MM-dd HH:mm:ss EEE')", '2021-04-05 07:08:09 Mon'],
    ["date_parse('2021/04/05 07', '%Y/%m/%d %H') = TIMESTAMP '2021-04-05 07:00:00'", true],
    ["date_trunc('hour', TIMESTAMP '2021-04-05 07:08:09') = TIMESTAMP '2021-04-05 07:00:00'", true],
    ["date_add('minute', 90, TIMESTAMP '2021-04-05 00:00:00') = TIMESTAMP '2021-04-05 01:30:00'", true],
    ["date_add('quarter', 1, TIMESTAMP '2021-04-05 00:00:00') = TIMESTAMP '2021-07-05 00:00:00'", true],
    ["date_diff('day', TIMESTAMP '2021-01-01 23:00:00', TIMESTAMP '2021-01-02 01:00:00')", 0],
    ["date_diff('hour', TIMESTAMP '2021-01-01 23:00:00', TIMESTAMP '2021-01-02 01:00:00')", 2],
    ["from_iso8601_timestamp('2021-04-15T10:00:00.5+02:00') = TIMESTAMP '2021-04-15 08:00:00.5 UTC'", true],
    ["TIMESTAMP '2021-01-31 00:00:00' + INTERVAL '1' DAY = TIMESTAMP '2021-02-01 00:00:00'", true],
    ["TIMESTAMP '2021-01-31 00:00:00' - INTERVAL '2' HOUR = TIMESTAMP '2021-01-30 22:00:00'", true],
    ["day_of_week(DATE '2021-04-18')", 7],
    ["millisecond(TIMESTAMP '2021-01-01 00:00:01.234')", 234],
    ['approx_distinct(x) FROM (VALUES 1, 2, 2, 3) AS t(x)', 3],
    ["regexp_like('10.0.0.1', '^\\d{1,3}(\\.\\d{1,3}){3}$')", true],
    ["regexp_extract('abc', 'x')", null],
    ["regexp_extract('a1b22', '\\d+')", '1'],
    ["regexp_replace('a1b22', '(\\d)', '<$1>')", 'a<1>b<2><2>'],
    ["split_part('a.b.c', '.', 2)", 'b'],
    ["split_part('a.b.c', '.', 9)", null],
    ['cardinality(ARRAY[1, 2, 3])', 3],
    ["contains(ARRAY['x', 'y'], 'y')", true],
    ["concat('a', NULL)", null],
    ["concat('a', 'b', 'c')", 'abc'],
    ["CAST('42' AS bigint)", '42'],
    ["TRY_CAST('x' AS integer)", null],
    ['5 / 2', 2],
    ['-7 / 2', -3],
    ['mod(-7, 2)', -1],
    ["element_at(MAP(ARRAY['k'], ARRAY[7]), 'k')", 7],
    ["if(1 > 2, 'yes', 'no')", 'no'],
    ['coalesce(NULL, 3)', 3],
    ["length('héllo')", 5],
    ["strpos('hello', 'l')", 3],
    ["replace('a-b-c', '-')", 'abc'],
    ['truncate(2.789, 1)', 2.7],
    ["json_extract_scalar('{\"a\": {\"b\": 5}}', '$.a.b')", '5'],
    ['cardinality(sequence(1, 5))', 5],
    ["array_join(ARRAY['a', 'b'], '-')", 'a-b'],
    ["date(TIMESTAMP '2021-04-05 07:08:09') = DATE '2021-04-05'", true],
    ['current_date = CAST(now() AS date)', true],
  ])('%s', async (expression, expected) => {
    const value = await evaluate(expression);
    expect(typeof expected === 'number' && typeof value === 'string' ? Number(value) : value).toEqual(expected);
  });

  it('translates format specifiers', () => {
    expect(mysqlFormatToStrftime('%Y-%m-%d %H:%i:%s.%f %p %%')).toBe('%Y-%m-%d %H:%M:%S.%f %p %%');
    expect(jodaFormatToStrftime("yyyy-MM-dd'T'HH:mm:ss.SSS")).toBe('%Y-%m-%dT%H:%M:%S.%g');
    expect(javaReplacementToRe2('$1-$2 \\$')).toBe('\\1-\\2 $');
  });

  it('reports unknown functions and wrong argument counts the Trino way', async () => {
    expect(await failure(translate('SELECT nope(1)'))).toBe("FUNCTION_NOT_FOUND: Function 'nope' not registered");
    expect(await failure(translate('SELECT approx_distinct(1, 2, 3)'))).toContain('Unexpected parameters (3 arguments) for function approx_distinct');
  });
});

describe('types and values', () => {
  it('reads Hive and Trino type spellings', () => {
    expect(duckdbType(parseType('array<struct<a:int,b:string>>'))).toBe('STRUCT("a" INTEGER, "b" VARCHAR)[]');
    expect(hiveTypeName(parseType('map(varchar, integer)'))).toBe('map<string,int>');
    expect(trinoTypeName(parseType('decimal(10,2)'), true)).toBe('decimal(10,2)');
    expect(() => parseType('ipaddress')).toThrow('Unknown type: ipaddress');
  });

  it('prints doubles and reals as Java does', () => {
    expect([1.5, 2, 0.1 + 0.2, 1e20, 1e-7, 1e7, 9999999, 0.001, 123456.789, -0, NaN, Infinity].map(javaDouble)).toEqual([
      '1.5', '2.0', '0.30000000000000004', '1.0E20', '1.0E-7', '1.0E7', '9999999.0', '0.001', '123456.789', '-0.0', 'NaN', 'Infinity',
    ]);
    expect(javaFloat(Math.fround(0.1))).toBe('0.1');
    expect(javaFloat(Math.fround(3.4e38))).toBe('3.4E38');
  });

  it('prints timestamps with milliseconds', () => {
    expect(formatTimestampMicros(1618444800123456n)).toBe('2021-04-15 00:00:00.123');
  });
});

describe('Hive DDL', () => {
  it('parses CREATE EXTERNAL TABLE with every clause Athena documents', () => {
    const command = parseHiveDdl(`CREATE EXTERNAL TABLE IF NOT EXISTS flows.vpc (
      version int, \`end\` bigint COMMENT 'end time', tags map<string,string>, x decimal(10, 2))
      COMMENT 'flow logs'
      PARTITIONED BY (\`date\` string)
      ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' NULL DEFINED AS '-'
      STORED AS INPUTFORMAT 'in' OUTPUTFORMAT 'out'
      LOCATION 's3://bucket/prefix/'
      TBLPROPERTIES ("skip.header.line.count"="1", 'projection.enabled'='false');`);
    expect(command).toMatchObject({
      kind: 'createTable',
      name: { database: 'flows', table: 'vpc' },
      external: true,
      ifNotExists: true,
      columns: [{ name: 'version', type: 'int' }, { name: 'end', type: 'bigint', comment: 'end time' }, { name: 'tags', type: 'map<string,string>' }, { name: 'x', type: 'decimal(10,2)' }],
      partitionKeys: [{ name: 'date', type: 'string' }],
      serde: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
      serdeProperties: { 'field.delim': ' ', 'serialization.format': ' ', 'serialization.null.format': '-' },
      inputFormat: 'in',
      outputFormat: 'out',
      location: 's3://bucket/prefix/',
      tblProperties: { 'skip.header.line.count': '1', 'projection.enabled': 'false' },
    });
  });

  it('parses partitions, repair, show and describe statements', () => {
    expect(parseHiveDdl("ALTER TABLE t ADD IF NOT EXISTS PARTITION (year='2021', month=4) LOCATION 's3://b/2021/04/' PARTITION (year='2022', month='01')")).toMatchObject({
      kind: 'addPartitions',
      ifNotExists: true,
      partitions: [{ spec: [['year', '2021'], ['month', '4']], location: 's3://b/2021/04/' }, { spec: [['year', '2022'], ['month', '01']] }],
    });
    expect(parseHiveDdl("ALTER TABLE t DROP PARTITION (year='2021'), PARTITION (year='2022')")).toMatchObject({ kind: 'dropPartitions', specs: [[['year', '2021']], [['year', '2022']]] });
    expect(parseHiveDdl('MSCK REPAIR TABLE db.t')).toEqual({ kind: 'msck', name: { database: 'db', table: 't' } });
    expect(parseHiveDdl("SHOW TABLES IN db 'flow*'")).toEqual({ kind: 'showTables', database: 'db', pattern: 'flow*' });
    expect(parseHiveDdl('SHOW COLUMNS FROM t IN db')).toEqual({ kind: 'showColumns', name: { table: 't', database: 'db' } });
    expect(parseHiveDdl('DESCRIBE FORMATTED awsdatacatalog.db.t')).toEqual({ kind: 'describe', name: { database: 'db', table: 't' }, column: undefined });
    expect(() => parseHiveDdl('MSCK REPAIR TABLE t extra')).toThrow("FAILED: ParseException line 1:20 missing EOF at 'extra' near 't'");
  });
});

export type { AstNode };
