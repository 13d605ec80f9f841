/**
 * One model of column types for the three spellings the engine meets: Hive's (Glue columns, DDL:
 * `int`, `string`, `array<string>`, `struct<a:int>`), Trino's (CAST targets, ColumnInfo:
 * `integer`, `varchar`, `array(varchar)`, `row(a integer)`) and DuckDB's (what actually runs).
 */

export type SqlType =
  | {
      kind:
        | 'boolean'
        | 'tinyint'
        | 'smallint'
        | 'integer'
        | 'bigint'
        | 'real'
        | 'double'
        | 'varbinary'
        | 'date'
        | 'time'
        | 'json'
        | 'uuid'
        | 'interval day to second'
        | 'interval year to month';
    }
  | { kind: 'varchar'; length?: number; hiveString?: boolean }
  | { kind: 'char'; length?: number }
  | { kind: 'timestamp'; precision?: number; withTimeZone?: boolean }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'array'; element: SqlType }
  | { kind: 'map'; key: SqlType; value: SqlType }
  | { kind: 'row'; fields: { name?: string; type: SqlType }[] };

export class TypeParseError extends Error {}

/** Reads a type written in either Hive or Trino notation. */
export function parseType(text: string): SqlType {
  const parser = new TypeTextParser(text);
  const type = parser.parse();
  parser.expectEnd();
  return type;
}

class TypeTextParser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): SqlType {
    const name = this.word();
    const lower = name.toLowerCase();
    switch (lower) {
      case 'boolean':
        return { kind: 'boolean' };
      case 'tinyint':
        return { kind: 'tinyint' };
      case 'smallint':
        return { kind: 'smallint' };
      case 'int':
      case 'integer':
        return { kind: 'integer' };
      case 'bigint':
        return { kind: 'bigint' };
      case 'float':
      case 'real':
        return { kind: 'real' };
      case 'double':
        this.optionalWord('precision');
        return { kind: 'double' };
      case 'string':
        return { kind: 'varchar', hiveString: true };
      case 'varchar': {
        const args = this.numberArgs();
        return args.length ? { kind: 'varchar', length: args[0] } : { kind: 'varchar' };
      }
      case 'char': {
        const args = this.numberArgs();
        return { kind: 'char', length: args[0] ?? 1 };
      }
      case 'binary':
      case 'varbinary':
        return { kind: 'varbinary' };
      case 'date':
        return { kind: 'date' };
      case 'time':
        this.numberArgs();
        return { kind: 'time' };
      case 'json':
        return { kind: 'json' };
      case 'uuid':
        return { kind: 'uuid' };
      case 'timestamp': {
        const args = this.numberArgs();
        const withTimeZone = this.optionalPhrase(['with', 'time', 'zone']);
        if (!withTimeZone) this.optionalPhrase(['without', 'time', 'zone']);
        return { kind: 'timestamp', precision: args[0] ?? 3, withTimeZone };
      }
      case 'decimal':
      case 'numeric': {
        const args = this.numberArgs();
        return { kind: 'decimal', precision: args[0] ?? 38, scale: args[1] ?? 0 };
      }
      case 'interval': {
        const from = this.word().toLowerCase();
        this.expectWord('to');
        const to = this.word().toLowerCase();
        if (from === 'year' && to === 'month') return { kind: 'interval year to month' };
        if (from === 'day' && to === 'second') return { kind: 'interval day to second' };
        throw new TypeParseError(`Unknown type: interval ${from} to ${to}`);
      }
      case 'array': {
        const close = this.open();
        const element = this.parse();
        this.close(close);
        return { kind: 'array', element };
      }
      case 'map': {
        const close = this.open();
        const key = this.parse();
        this.punct(',');
        const value = this.parse();
        this.close(close);
        return { kind: 'map', key, value };
      }
      case 'struct':
      case 'row': {
        const close = this.open();
        const fields: { name?: string; type: SqlType }[] = [];
        for (;;) {
          // Hive: name:type; Trino: name type, or just type for an anonymous field.
          const save = this.i;
          let fieldName: string | undefined;
          try {
            fieldName = this.identifier();
            this.skipSpace();
            if (this.text[this.i] === ':') this.i++;
            else if (/^[,)>]/.test(this.text.slice(this.i))) {
              // A bare type name such as row(integer).
              this.i = save;
              fieldName = undefined;
            }
          } catch {
            this.i = save;
            fieldName = undefined;
          }
          const type = this.parse();
          fields.push(fieldName === undefined ? { type } : { name: fieldName, type });
          this.skipSpace();
          if (this.text[this.i] === ',') {
            this.i++;
            continue;
          }
          break;
        }
        this.close(close);
        return { kind: 'row', fields };
      }
      default:
        throw new TypeParseError(`Unknown type: ${name}`);
    }
  }

  expectEnd() {
    this.skipSpace();
    if (this.i < this.text.length) throw new TypeParseError(`Unexpected '${this.text.slice(this.i)}' in type ${this.text}`);
  }

  private skipSpace() {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private word(): string {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.i));
    if (!m) throw new TypeParseError(`Unknown type: ${this.text.slice(this.i) || this.text}`);
    this.i += m[0].length;
    return m[0];
  }

  private identifier(): string {
    this.skipSpace();
    if (this.text[this.i] === '"' || this.text[this.i] === '`') {
      const quote = this.text[this.i];
      let out = '';
      this.i++;
      while (this.i < this.text.length) {
        if (this.text[this.i] === quote) {
          if (this.text[this.i + 1] === quote) {
            out += quote;
            this.i += 2;
            continue;
          }
          this.i++;
          return out;
        }
        out += this.text[this.i++];
      }
      throw new TypeParseError(`Unterminated identifier in ${this.text}`);
    }
    return this.word();
  }

  private optionalWord(word: string): boolean {
    const save = this.i;
    this.skipSpace();
    const m = /^[A-Za-z_]+/.exec(this.text.slice(this.i));
    if (m && m[0].toLowerCase() === word) {
      this.i += m[0].length;
      return true;
    }
    this.i = save;
    return false;
  }

  private optionalPhrase(words: string[]): boolean {
    const save = this.i;
    for (const word of words) {
      if (!this.optionalWord(word)) {
        this.i = save;
        return false;
      }
    }
    return true;
  }

  private expectWord(word: string) {
    if (!this.optionalWord(word)) throw new TypeParseError(`Expected ${word} in type ${this.text}`);
  }

  private numberArgs(): number[] {
    this.skipSpace();
    if (this.text[this.i] !== '(') return [];
    this.i++;
    const out: number[] = [];
    for (;;) {
      this.skipSpace();
      const m = /^\d+/.exec(this.text.slice(this.i));
      if (!m) throw new TypeParseError(`Expected a number in type ${this.text}`);
      out.push(Number(m[0]));
      this.i += m[0].length;
      this.skipSpace();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] === ')') {
        this.i++;
        return out;
      }
      throw new TypeParseError(`Unexpected '${this.text[this.i] ?? 'end'}' in type ${this.text}`);
    }
  }

  private open(): string {
    this.skipSpace();
    const c = this.text[this.i];
    if (c === '<') {
      this.i++;
      return '>';
    }
    if (c === '(') {
      this.i++;
      return ')';
    }
    throw new TypeParseError(`Expected '<' or '(' in type ${this.text}`);
  }

  private close(expected: string) {
    this.punct(expected);
  }

  private punct(expected: string) {
    this.skipSpace();
    if (this.text[this.i] !== expected) throw new TypeParseError(`Expected '${expected}' in type ${this.text}`);
    this.i++;
  }
}

/** The DuckDB type that holds values of `type`. */
export function duckdbType(type: SqlType): string {
  switch (type.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'real':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'varchar':
    case 'char':
      return 'VARCHAR';
    case 'varbinary':
      return 'BLOB';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'json':
      return 'JSON';
    case 'uuid':
      return 'UUID';
    case 'interval day to second':
    case 'interval year to month':
      return 'INTERVAL';
    case 'timestamp':
      return type.withTimeZone ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'array':
      return `${duckdbType(type.element)}[]`;
    case 'map':
      return `MAP(${duckdbType(type.key)}, ${duckdbType(type.value)})`;
    case 'row':
      return `STRUCT(${type.fields.map((f, i) => `"${(f.name ?? `field${i}`).replace(/"/g, '""')}" ${duckdbType(f.type)}`).join(', ')})`;
  }
}

/** Trino's spelling (ColumnInfo.Type uses the base name, DESCRIBE of views the full one). */
export function trinoTypeName(type: SqlType, full = false): string {
  switch (type.kind) {
    case 'varchar':
      return full && type.length !== undefined ? `varchar(${type.length})` : 'varchar';
    case 'char':
      return full ? `char(${type.length ?? 1})` : 'char';
    case 'timestamp':
      return type.withTimeZone ? 'timestamp with time zone' : 'timestamp';
    case 'decimal':
      return full ? `decimal(${type.precision},${type.scale})` : 'decimal';
    case 'array':
      return full ? `array(${trinoTypeName(type.element, true)})` : 'array';
    case 'map':
      return full ? `map(${trinoTypeName(type.key, true)}, ${trinoTypeName(type.value, true)})` : 'map';
    case 'row':
      return full ? `row(${type.fields.map((f) => (f.name ? `${f.name} ${trinoTypeName(f.type, true)}` : trinoTypeName(f.type, true))).join(', ')})` : 'row';
    default:
      return type.kind;
  }
}

/** Hive's spelling, as DESCRIBE and SHOW CREATE TABLE print column types and as Glue stores them. */
export function hiveTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'integer':
      return 'int';
    case 'real':
      return 'float';
    case 'varchar':
      return type.length !== undefined && !type.hiveString ? `varchar(${type.length})` : 'string';
    case 'char':
      return `char(${type.length ?? 1})`;
    case 'varbinary':
      return 'binary';
    case 'timestamp':
      return 'timestamp';
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'array':
      return `array<${hiveTypeName(type.element)}>`;
    case 'map':
      return `map<${hiveTypeName(type.key)},${hiveTypeName(type.value)}>`;
    case 'row':
      return `struct<${type.fields.map((f, i) => `${f.name ?? `col${i + 1}`}:${hiveTypeName(f.type)}`).join(',')}>`;
    default:
      return type.kind;
  }
}

/** A Glue column type, read leniently: an unknown spelling reads as a string column rather than failing every query. */
export function glueColumnType(text: string | undefined): SqlType {
  if (!text) return { kind: 'varchar', hiveString: true };
  try {
    return parseType(text);
  } catch {
    return { kind: 'varchar', hiveString: true };
  }
}
