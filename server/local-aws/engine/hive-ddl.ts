import { QueryFailure } from './query-errors';
import { hiveTypeName, parseType, TypeParseError } from './sql-types';

/**
 * The Hive DDL Athena accepts for its Glue catalog — CREATE EXTERNAL TABLE (ROW FORMAT DELIMITED /
 * SERDE, STORED AS, LOCATION, TBLPROPERTIES, PARTITIONED BY), ALTER TABLE ADD/DROP PARTITION and
 * friends, MSCK REPAIR TABLE, DROP TABLE, CREATE/DROP DATABASE, SHOW …, DESCRIBE — parsed into
 * commands. Athena hands these to Hive, so a grammar error reads like Hive's:
 * `FAILED: ParseException line 1:7 …`, and Hive's lexical rules apply (backquoted names, '…' and "…"
 * strings with backslash escapes).
 */

export interface ColumnDef {
  name: string;
  type: string;
  comment?: string;
}

export interface TableName {
  database?: string;
  table: string;
}

export type PartitionSpec = [string, string][];

export type DdlCommand =
  | {
      kind: 'createTable';
      name: TableName;
      external: boolean;
      ifNotExists: boolean;
      columns: ColumnDef[];
      partitionKeys: ColumnDef[];
      comment?: string;
      serde?: string;
      serdeProperties: Record<string, string>;
      inputFormat?: string;
      outputFormat?: string;
      location?: string;
      tblProperties: Record<string, string>;
    }
  | { kind: 'dropTable'; name: TableName; ifExists: boolean }
  | { kind: 'createDatabase'; name: string; ifNotExists: boolean; comment?: string; location?: string; properties: Record<string, string> }
  | { kind: 'dropDatabase'; name: string; ifExists: boolean; cascade: boolean }
  | { kind: 'addPartitions'; name: TableName; ifNotExists: boolean; partitions: { spec: PartitionSpec; location?: string }[] }
  | { kind: 'dropPartitions'; name: TableName; ifExists: boolean; specs: PartitionSpec[] }
  | { kind: 'setLocation'; name: TableName; location: string }
  | { kind: 'setTblProperties'; name: TableName; properties: Record<string, string> }
  | { kind: 'addColumns'; name: TableName; columns: ColumnDef[]; replace: boolean }
  | { kind: 'msck'; name: TableName }
  | { kind: 'showTables'; database?: string; pattern?: string }
  | { kind: 'showDatabases'; pattern?: string }
  | { kind: 'showViews'; database?: string }
  | { kind: 'showPartitions'; name: TableName }
  | { kind: 'showColumns'; name: TableName }
  | { kind: 'showCreateTable'; name: TableName }
  | { kind: 'showTblProperties'; name: TableName; key?: string }
  | { kind: 'describe'; name: TableName; column?: string };

interface HiveToken {
  kind: 'ident' | 'quoted' | 'string' | 'number' | 'symbol' | 'eof';
  text: string;
  value: string;
  upper: string;
  line: number;
  /** 0-based, as Hive reports columns. */
  column: number;
}

export function parseHiveDdl(sql: string): DdlCommand {
  return new HiveParser(lexHive(sql)).statement();
}

function parseError(token: HiveToken, detail: string): QueryFailure {
  return new QueryFailure('FAILED', `FAILED: ParseException line ${token.line}:${token.column} ${detail}`, { raw: true, category: 1, type: 1003 });
}

function lexHive(sql: string): HiveToken[] {
  const tokens: HiveToken[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: HiveToken['kind'], start: number, end: number, value: string) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value, upper: kind === 'ident' ? text.toUpperCase() : text, line, column: start - lineStart });
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close < 0 ? sql.length : close + 2;
      for (let j = i; j < end; j++) if (sql[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
      i = end;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < sql.length && sql[i] !== c) {
        if (sql[i] === '\\' && i + 1 < sql.length) {
          const e = sql[i + 1];
          const octal = /^[0-7]{3}/.exec(sql.slice(i + 1));
          if (octal) {
            value += String.fromCharCode(parseInt(octal[0], 8));
            i += 4;
            continue;
          }
          if (e === 'u' && /^[0-9a-fA-F]{4}/.test(sql.slice(i + 2))) {
            value += String.fromCharCode(parseInt(sql.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          value += ({ t: '\t', n: '\n', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
          i += 2;
          continue;
        }
        if (sql[i] === c && sql[i + 1] === c) {
          value += c;
          i += 2;
          continue;
        }
        value += sql[i++];
      }
      if (i >= sql.length) throw parseError({ kind: 'eof', text: '', value: '', upper: '', line, column: start - lineStart }, `character '<EOF>' not supported here`);
      i++;
      push('string', start, i, value);
      continue;
    }
    if (c === '`') {
      const close = sql.indexOf('`', i + 1);
      if (close < 0) throw parseError({ kind: 'eof', text: '', value: '', upper: '', line, column: start - lineStart }, `character '<EOF>' not supported here`);
      i = close + 1;
      push('quoted', start, i, sql.slice(start + 1, close));
      continue;
    }
    const word = /^[A-Za-z0-9_$]+/.exec(sql.slice(i));
    if (word) {
      i += word[0].length;
      push(/^\d+$/.test(word[0]) ? 'number' : 'ident', start, i, word[0]);
      continue;
    }
    i++;
    push('symbol', start, i, c);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', upper: '<EOF>', line, column: i - lineStart });
  return tokens;
}

class HiveParser {
  private i = 0;
  constructor(private readonly tokens: HiveToken[]) {}

  private peek(offset = 0): HiveToken {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): HiveToken {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.upper === word;
  }

  private accept(word: string): boolean {
    if (this.isWord(word)) {
      this.i++;
      return true;
    }
    return false;
  }

  private acceptSymbol(symbol: string): boolean {
    const t = this.peek();
    if (t.kind === 'symbol' && t.text === symbol) {
      this.i++;
      return true;
    }
    return false;
  }

  private expect(word: string, context: string) {
    if (!this.accept(word)) throw this.mismatch(word, context);
  }

  private expectSymbol(symbol: string, context: string) {
    if (!this.acceptSymbol(symbol)) throw this.mismatch(`'${symbol}'`, context);
  }

  private mismatch(expected: string, context: string): QueryFailure {
    const t = this.peek();
    const prev = this.tokens[this.i - 1];
    return parseError(t, `mismatched input '${t.text}' expecting ${expected}${prev ? ` near '${prev.text}'` : ''} in ${context}`);
  }

  private identifier(context: string): string {
    const t = this.peek();
    if (t.kind === 'ident' || t.kind === 'quoted' || t.kind === 'number') {
      this.i++;
      return t.value;
    }
    throw parseError(t, `cannot recognize input near '${t.text}' in ${context}`);
  }

  private string(context: string): string {
    const t = this.peek();
    if (t.kind === 'string') {
      this.i++;
      return t.value;
    }
    throw parseError(t, `mismatched input '${t.text}' expecting StringLiteral near '${this.tokens[this.i - 1]?.text ?? ''}' in ${context}`);
  }

  private tableName(context = 'table name'): TableName {
    const first = this.identifier(context);
    if (this.acceptSymbol('.')) {
      const second = this.identifier(context);
      if (this.acceptSymbol('.')) {
        // awsdatacatalog.db.table
        return { database: second, table: this.identifier(context) };
      }
      return { database: first, table: second };
    }
    return { table: first };
  }

  private end() {
    this.acceptSymbol(';');
    const t = this.peek();
    if (t.kind !== 'eof') {
      const prev = this.tokens[this.i - 1];
      throw parseError(t, `missing EOF at '${t.text}' near '${prev?.text ?? ''}'`);
    }
  }

  statement(): DdlCommand {
    const first = this.next();
    let command: DdlCommand;
    switch (first.upper) {
      case 'CREATE':
        command = this.create();
        break;
      case 'DROP':
        command = this.drop();
        break;
      case 'ALTER':
        command = this.alter();
        break;
      case 'MSCK':
        this.expect('REPAIR', 'msck statement');
        this.expect('TABLE', 'msck statement');
        command = { kind: 'msck', name: this.tableName() };
        break;
      case 'SHOW':
        command = this.show();
        break;
      case 'DESCRIBE':
      case 'DESC': {
        if (!this.accept('EXTENDED')) this.accept('FORMATTED');
        const name = this.tableName();
        const column = this.peek().kind === 'ident' || this.peek().kind === 'quoted' ? this.identifier('describe statement') : undefined;
        command = { kind: 'describe', name, column };
        break;
      }
      default:
        throw parseError(first, `cannot recognize input near '${first.text}'`);
    }
    this.end();
    return command;
  }

  private create(): DdlCommand {
    if (this.accept('DATABASE') || this.accept('SCHEMA')) {
      const ifNotExists = this.ifNotExists();
      const name = this.identifier('create database statement');
      let comment: string | undefined;
      let location: string | undefined;
      let properties: Record<string, string> = {};
      for (;;) {
        if (this.accept('COMMENT')) comment = this.string('database comment');
        else if (this.accept('LOCATION')) location = this.string('database location');
        else if (this.accept('WITH')) {
          this.expect('DBPROPERTIES', 'create database statement');
          properties = this.properties('database properties');
        } else break;
      }
      return { kind: 'createDatabase', name, ifNotExists, comment, location, properties };
    }
    const external = this.accept('EXTERNAL');
    this.expect('TABLE', 'create table statement');
    const ifNotExists = this.ifNotExists();
    const name = this.tableName();
    const columns = this.columnList('create table statement');
    const command: Extract<DdlCommand, { kind: 'createTable' }> = {
      kind: 'createTable',
      name,
      external,
      ifNotExists,
      columns,
      partitionKeys: [],
      serdeProperties: {},
      tblProperties: {},
    };
    for (;;) {
      if (this.accept('COMMENT')) command.comment = this.string('table comment');
      else if (this.accept('PARTITIONED')) {
        this.expect('BY', 'partition specification');
        command.partitionKeys = this.columnList('partition specification');
      } else if (this.accept('CLUSTERED')) {
        this.expect('BY', 'clustered by');
        this.skipParenthesised();
        if (this.accept('SORTED')) {
          this.expect('BY', 'sorted by');
          this.skipParenthesised();
        }
        this.expect('INTO', 'clustered by');
        this.next();
        this.expect('BUCKETS', 'clustered by');
      } else if (this.accept('ROW')) {
        this.expect('FORMAT', 'row format');
        if (this.accept('SERDE')) {
          command.serde = this.string('serde specification');
          if (this.accept('WITH')) {
            this.expect('SERDEPROPERTIES', 'serde properties');
            Object.assign(command.serdeProperties, this.properties('serde properties'));
          }
        } else {
          this.expect('DELIMITED', 'row format');
          command.serde = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';
          for (;;) {
            if (this.accept('FIELDS')) {
              this.expect('TERMINATED', 'fields terminated');
              this.expect('BY', 'fields terminated');
              const delim = this.string('fields terminated');
              command.serdeProperties['field.delim'] = delim;
              command.serdeProperties['serialization.format'] = delim;
              if (this.accept('ESCAPED')) {
                this.expect('BY', 'escaped by');
                command.serdeProperties['escape.delim'] = this.string('escaped by');
              }
            } else if (this.accept('COLLECTION')) {
              this.expect('ITEMS', 'collection items');
              this.expect('TERMINATED', 'collection items');
              this.expect('BY', 'collection items');
              command.serdeProperties['collection.delim'] = this.string('collection items');
            } else if (this.accept('MAP')) {
              this.expect('KEYS', 'map keys');
              this.expect('TERMINATED', 'map keys');
              this.expect('BY', 'map keys');
              command.serdeProperties['mapkey.delim'] = this.string('map keys');
            } else if (this.accept('LINES')) {
              this.expect('TERMINATED', 'lines terminated');
              this.expect('BY', 'lines terminated');
              command.serdeProperties['line.delim'] = this.string('lines terminated');
            } else if (this.accept('NULL')) {
              this.expect('DEFINED', 'null defined');
              this.expect('AS', 'null defined');
              command.serdeProperties['serialization.null.format'] = this.string('null defined');
            } else break;
          }
        }
      } else if (this.accept('STORED')) {
        this.expect('AS', 'stored as');
        if (this.accept('INPUTFORMAT')) {
          command.inputFormat = this.string('input format');
          this.expect('OUTPUTFORMAT', 'stored as');
          command.outputFormat = this.string('output format');
        } else {
          const format = this.identifier('file format').toUpperCase();
          const known = STORED_AS[format];
          if (!known) throw parseError(this.tokens[this.i - 1], `Unrecognized file format in STORED AS clause: '${format}'`);
          command.inputFormat = known.input;
          command.outputFormat = known.output;
          command.serde ??= known.serde;
        }
      } else if (this.accept('LOCATION')) command.location = this.string('table location');
      else if (this.accept('TBLPROPERTIES')) Object.assign(command.tblProperties, this.properties('table properties'));
      else break;
    }
    return command;
  }

  private drop(): DdlCommand {
    if (this.accept('DATABASE') || this.accept('SCHEMA')) {
      const ifExists = this.ifExists();
      const name = this.identifier('drop database statement');
      const cascade = this.accept('CASCADE');
      if (!cascade) this.accept('RESTRICT');
      return { kind: 'dropDatabase', name, ifExists, cascade };
    }
    this.expect('TABLE', 'drop statement');
    const ifExists = this.ifExists();
    const name = this.tableName();
    this.accept('PURGE');
    return { kind: 'dropTable', name, ifExists };
  }

  private alter(): DdlCommand {
    this.expect('TABLE', 'alter statement');
    const name = this.tableName();
    if (this.accept('ADD')) {
      if (this.accept('COLUMNS')) return { kind: 'addColumns', name, columns: this.columnList('add columns'), replace: false };
      const ifNotExists = this.ifNotExists();
      const partitions: { spec: PartitionSpec; location?: string }[] = [];
      while (this.accept('PARTITION')) {
        const spec = this.partitionSpec();
        const location = this.accept('LOCATION') ? this.string('partition location') : undefined;
        partitions.push({ spec, location });
      }
      if (partitions.length === 0) throw this.mismatch('PARTITION', 'alter table add partition statement');
      return { kind: 'addPartitions', name, ifNotExists, partitions };
    }
    if (this.accept('DROP')) {
      const ifExists = this.ifExists();
      const specs: PartitionSpec[] = [];
      do {
        this.expect('PARTITION', 'alter table drop partition statement');
        specs.push(this.partitionSpec());
      } while (this.acceptSymbol(','));
      this.accept('PURGE');
      return { kind: 'dropPartitions', name, ifExists, specs };
    }
    if (this.accept('REPLACE')) {
      this.expect('COLUMNS', 'replace columns');
      return { kind: 'addColumns', name, columns: this.columnList('replace columns'), replace: true };
    }
    if (this.accept('SET')) {
      if (this.accept('LOCATION')) return { kind: 'setLocation', name, location: this.string('table location') };
      this.expect('TBLPROPERTIES', 'alter table statement');
      return { kind: 'setTblProperties', name, properties: this.properties('table properties') };
    }
    const t = this.peek();
    throw parseError(t, `cannot recognize input near '${t.text}' in alter table statement`);
  }

  private show(): DdlCommand {
    if (this.accept('TABLES')) {
      let database: string | undefined;
      if (this.accept('IN') || this.accept('FROM')) database = this.identifier('show tables statement');
      this.accept('LIKE');
      const pattern = this.peek().kind === 'string' ? this.string('show tables statement') : undefined;
      return { kind: 'showTables', database, pattern };
    }
    if (this.accept('DATABASES') || this.accept('SCHEMAS')) {
      this.accept('LIKE');
      const pattern = this.peek().kind === 'string' ? this.string('show databases statement') : undefined;
      return { kind: 'showDatabases', pattern };
    }
    if (this.accept('VIEWS')) {
      let database: string | undefined;
      if (this.accept('IN') || this.accept('FROM')) database = this.identifier('show views statement');
      this.accept('LIKE');
      if (this.peek().kind === 'string') this.next();
      return { kind: 'showViews', database };
    }
    if (this.accept('PARTITIONS')) return { kind: 'showPartitions', name: this.tableName() };
    if (this.accept('COLUMNS')) {
      if (!this.accept('FROM')) this.expect('IN', 'show columns statement');
      const name = this.tableName();
      if (this.accept('FROM') || this.accept('IN')) name.database = this.identifier('show columns statement');
      return { kind: 'showColumns', name };
    }
    if (this.accept('CREATE')) {
      this.expect('TABLE', 'show statement');
      return { kind: 'showCreateTable', name: this.tableName() };
    }
    if (this.accept('TBLPROPERTIES')) {
      const name = this.tableName();
      let key: string | undefined;
      if (this.acceptSymbol('(')) {
        key = this.string('show tblproperties statement');
        this.expectSymbol(')', 'show tblproperties statement');
      }
      return { kind: 'showTblProperties', name, key };
    }
    const t = this.peek();
    throw parseError(t, `cannot recognize input near 'SHOW' '${t.text}' in ddl statement`);
  }

  private ifNotExists(): boolean {
    if (this.isWord('IF') && this.isWord('NOT', 1) && this.isWord('EXISTS', 2)) {
      this.i += 3;
      return true;
    }
    return false;
  }

  private ifExists(): boolean {
    if (this.isWord('IF') && this.isWord('EXISTS', 1)) {
      this.i += 2;
      return true;
    }
    return false;
  }

  private skipParenthesised() {
    this.expectSymbol('(', 'column list');
    let depth = 1;
    while (depth > 0 && this.peek().kind !== 'eof') {
      const t = this.next();
      if (t.kind === 'symbol' && t.text === '(') depth++;
      if (t.kind === 'symbol' && t.text === ')') depth--;
    }
  }

  private columnList(context: string): ColumnDef[] {
    this.expectSymbol('(', context);
    const columns: ColumnDef[] = [];
    do {
      const name = this.identifier(context);
      const typeTokens: HiveToken[] = [];
      let depth = 0;
      for (;;) {
        const t = this.peek();
        if (t.kind === 'eof') break;
        if (t.kind === 'symbol' && (t.text === '<' || t.text === '(')) depth++;
        if (t.kind === 'symbol' && (t.text === '>' || t.text === ')')) {
          if (depth === 0) break;
          depth--;
        }
        if (depth === 0 && ((t.kind === 'symbol' && t.text === ',') || (t.kind === 'ident' && t.upper === 'COMMENT'))) break;
        typeTokens.push(this.next());
      }
      if (typeTokens.length === 0) throw this.mismatch('a column type', context);
      const typeText = typeTokens.map((t) => (t.kind === 'quoted' ? `\`${t.value}\`` : t.text)).join(' ');
      let hiveType: string;
      try {
        hiveType = hiveTypeName(parseType(typeText));
      } catch (error) {
        if (error instanceof TypeParseError) {
          throw parseError(typeTokens[0], `cannot recognize input near '${typeTokens[0].text}' in column type`);
        }
        throw error;
      }
      const column: ColumnDef = { name: name.toLowerCase(), type: hiveType };
      if (this.accept('COMMENT')) column.comment = this.string('column comment');
      columns.push(column);
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', context);
    return columns;
  }

  private properties(context: string): Record<string, string> {
    this.expectSymbol('(', context);
    const out: Record<string, string> = {};
    if (this.acceptSymbol(')')) return out;
    do {
      const key = this.string(context);
      this.expectSymbol('=', context);
      out[key] = this.string(context);
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', context);
    return out;
  }

  private partitionSpec(): PartitionSpec {
    this.expectSymbol('(', 'partition specification');
    const spec: PartitionSpec = [];
    do {
      const key = this.identifier('partition specification');
      this.expectSymbol('=', 'partition specification');
      const t = this.next();
      if (t.kind !== 'string' && t.kind !== 'number' && t.kind !== 'ident') {
        throw parseError(t, `cannot recognize input near '${t.text}' in constant`);
      }
      spec.push([key.toLowerCase(), t.value]);
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', 'partition specification');
    return spec;
  }
}

const STORED_AS: Record<string, { input: string; output: string; serde: string }> = {
  TEXTFILE: {
    input: 'org.apache.hadoop.mapred.TextInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serde: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
  },
  PARQUET: {
    input: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
  },
  ORC: {
    input: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat',
    serde: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde',
  },
  AVRO: {
    input: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat',
    serde: 'org.apache.hadoop.hive.serde2.avro.AvroSerDe',
  },
  JSONFILE: {
    input: 'org.apache.hadoop.mapred.TextInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serde: 'org.apache.hive.hcatalog.data.JsonSerDe',
  },
};
