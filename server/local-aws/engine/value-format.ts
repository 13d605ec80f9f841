import {
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlType } from './sql-types';

/**
 * Result values as Athena prints them (GetQueryResults and the CSV file use the same text): Java's
 * notation for double/real (`1.5`, `2.0`, `1.0E20`), `timestamp(3)` with milliseconds, `… UTC` for
 * timestamps with time zone, `[a, b]` / `{k=v}` / `{f=v}` for arrays, maps and rows with strings
 * unquoted, varbinary as space-separated hex bytes. NULL is `null` (undefined at the top level).
 */
export type ValueFormatter = (value: DuckDBValue) => string | null;

/** The Trino type of a DuckDB result column (sum() over bigint gives HUGEINT: still `bigint` to Athena). */
export function sqlTypeOf(type: DuckDBType): SqlType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { kind: 'boolean' };
    case DuckDBTypeId.TINYINT:
      return { kind: 'tinyint' };
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return { kind: 'smallint' };
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return { kind: 'integer' };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return { kind: 'bigint' };
    case DuckDBTypeId.FLOAT:
      return { kind: 'real' };
    case DuckDBTypeId.DOUBLE:
      return { kind: 'double' };
    case DuckDBTypeId.DECIMAL: {
      const t = type as unknown as { width: number; scale: number };
      return { kind: 'decimal', precision: t.width, scale: t.scale };
    }
    case DuckDBTypeId.VARCHAR:
      return type.alias === 'JSON' ? { kind: 'json' } : { kind: 'varchar' };
    case DuckDBTypeId.BLOB:
      return { kind: 'varbinary' };
    case DuckDBTypeId.DATE:
      return { kind: 'date' };
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_TZ:
    case DuckDBTypeId.TIME_NS:
      return { kind: 'time' };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { kind: 'timestamp', precision: 3 };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { kind: 'timestamp', precision: 3, withTimeZone: true };
    case DuckDBTypeId.INTERVAL:
      return { kind: 'interval day to second' };
    case DuckDBTypeId.UUID:
      return { kind: 'uuid' };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { kind: 'array', element: sqlTypeOf((type as unknown as { valueType: DuckDBType }).valueType) };
    case DuckDBTypeId.MAP: {
      const t = type as unknown as { keyType: DuckDBType; valueType: DuckDBType };
      return { kind: 'map', key: sqlTypeOf(t.keyType), value: sqlTypeOf(t.valueType) };
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as unknown as { entryNames: string[]; entryTypes: DuckDBType[] };
      return { kind: 'row', fields: t.entryNames.map((name, i) => ({ name: name || undefined, type: sqlTypeOf(t.entryTypes[i]) })) };
    }
    case DuckDBTypeId.SQLNULL:
      return { kind: 'varchar' };
    default:
      return { kind: 'varchar' };
  }
}

/** A formatter for the values of a column of this DuckDB type. */
export function formatterFor(type: DuckDBType): ValueFormatter {
  const nested = (v: DuckDBValue) => formatNested(v, type);
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return (v) => (v === null ? null : String(v));
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.HUGEINT:
      return (v) => (v === null ? null : String(v));
    default:
      return (v) => (v === null ? null : nested(v));
  }
}

function formatNested(value: DuckDBValue, type: DuckDBType): string {
  if (value === null) return 'null';
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return value ? 'true' : 'false';
    case DuckDBTypeId.DOUBLE:
      return javaDouble(value as number);
    case DuckDBTypeId.FLOAT:
      return javaFloat(value as number);
    case DuckDBTypeId.DECIMAL:
      return String(value);
    case DuckDBTypeId.DATE:
      return formatDate(Number((value as unknown as { days: number }).days));
    case DuckDBTypeId.TIMESTAMP:
      return formatTimestampMicros((value as unknown as { micros: bigint }).micros);
    case DuckDBTypeId.TIMESTAMP_S:
      return formatTimestampMicros(BigInt((value as unknown as { seconds: bigint }).seconds) * 1_000_000n);
    case DuckDBTypeId.TIMESTAMP_MS:
      return formatTimestampMicros(BigInt((value as unknown as { millis: bigint }).millis) * 1000n);
    case DuckDBTypeId.TIMESTAMP_NS:
      return formatTimestampMicros(BigInt((value as unknown as { nanos: bigint }).nanos) / 1000n);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return `${formatTimestampMicros((value as unknown as { micros: bigint }).micros)} UTC`;
    case DuckDBTypeId.TIME:
      return formatTimeMicros(BigInt((value as unknown as { micros: bigint }).micros));
    case DuckDBTypeId.INTERVAL:
      return formatInterval(value as unknown as { months: number; days: number; micros: bigint });
    case DuckDBTypeId.BLOB: {
      const bytes = (value as unknown as { bytes: Uint8Array }).bytes;
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const element = (type as unknown as { valueType: DuckDBType }).valueType;
      const items = (value as unknown as { items: DuckDBValue[] }).items;
      return `[${items.map((item) => formatNested(item, element)).join(', ')}]`;
    }
    case DuckDBTypeId.MAP: {
      const t = type as unknown as { keyType: DuckDBType; valueType: DuckDBType };
      const entries = (value as unknown as { entries: { key: DuckDBValue; value: DuckDBValue }[] }).entries;
      return `{${entries.map((e) => `${formatNested(e.key, t.keyType)}=${formatNested(e.value, t.valueType)}`).join(', ')}}`;
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as unknown as { entryNames: string[]; entryTypes: DuckDBType[] };
      const entries = (value as unknown as { entries: Record<string, DuckDBValue> }).entries;
      const named = t.entryNames.some((name) => name !== '' && !name.startsWith('__athena_field_'));
      return `{${t.entryNames
        .map((name, i) => {
          const text = formatNested(entries[name] ?? null, t.entryTypes[i]);
          return named ? `${name}=${text}` : text;
        })
        .join(', ')}}`;
    }
    default:
      return String(value);
  }
}

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, '0');

export function formatDate(days: number): string {
  const d = new Date(days * 86_400_000);
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` (Trino's default timestamp(3)); sub-millisecond digits are truncated. */
export function formatTimestampMicros(micros: bigint): string {
  let millis = micros / 1000n;
  if (micros < 0n && micros % 1000n !== 0n) millis -= 1n;
  const d = new Date(Number(millis));
  if (Number.isNaN(d.getTime())) return micros > 0n ? 'infinity' : '-infinity';
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

function formatTimeMicros(micros: bigint): string {
  const totalMillis = Number(micros / 1000n);
  const h = Math.floor(totalMillis / 3_600_000);
  const m = Math.floor((totalMillis % 3_600_000) / 60_000);
  const s = Math.floor((totalMillis % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(totalMillis % 1000, 3)}`;
}

/** `D HH:MM:SS.mmm` for day-to-second intervals, `Y-M` when only months are set. */
function formatInterval(value: { months: number; days: number; micros: bigint }): string {
  if (value.months !== 0 && value.days === 0 && value.micros === 0n) {
    const sign = value.months < 0 ? '-' : '';
    const months = Math.abs(value.months);
    return `${sign}${Math.floor(months / 12)}-${months % 12}`;
  }
  const totalMicros = BigInt(value.days) * 86_400_000_000n + BigInt(value.micros) + BigInt(value.months) * 30n * 86_400_000_000n;
  const negative = totalMicros < 0n;
  const abs = negative ? -totalMicros : totalMicros;
  const totalMillis = abs / 1000n;
  const days = totalMillis / 86_400_000n;
  const rest = Number(totalMillis % 86_400_000n);
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  return `${negative ? '-' : ''}${days} ${pad(h)}:${pad(m)}:${pad(s)}.${pad(rest % 1000, 3)}`;
}

/**
 * Java's Double.toString: the shortest digits that round-trip, in plain notation for
 * 10^-3 <= |x| < 10^7 (always with a fractional digit), else `d.dddE±n`.
 */
export function javaDouble(x: number): string {
  return javaFloatingPoint(x, (v) => v.toExponential());
}

/** Java's Float.toString: the same layout with the shortest digits that round-trip through float32. */
export function javaFloat(x: number): string {
  return javaFloatingPoint(x, (v) => {
    for (let p = 1; p <= 9; p++) {
      const candidate = v.toExponential(p - 1);
      if (Math.fround(Number(candidate)) === Math.fround(v)) return candidate;
    }
    return v.toExponential(8);
  });
}

function javaFloatingPoint(x: number, shortest: (v: number) => string): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const negative = x < 0;
  const abs = Math.abs(x);
  const [mantissa, exponentText] = shortest(abs).split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  let text: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const frac = digits.slice(exponent + 1) || '0';
      text = `${intPart}.${frac}`;
    } else {
      text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
  } else {
    text = `${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
  }
  return negative ? `-${text}` : text;
}
