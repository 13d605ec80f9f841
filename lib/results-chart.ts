/**
 * The bar chart of a query result: which column labels the bars and which gives their length,
 * and a readable value axis. Pure functions; the SVG is drawn by the query editor.
 */

export interface ChartColumn {
  name: string;
  /** Athena type name from the result's ColumnInfo (varchar, bigint, double, decimal(10,2)…). */
  type: string;
}

export interface ChartBar {
  label: string;
  value: number;
}

const NUMERIC_TYPE = /^(tinyint|smallint|integer|int|bigint|double|real|float|decimal(\(.*\))?)$/i;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim());
}

/** Columns that can give bar lengths: numeric by type. */
export function numericColumns(columns: readonly ChartColumn[]): number[] {
  return columns.flatMap((column, index) => (isNumericType(column.type) ? [index] : []));
}

/** Names that usually hold a measure rather than an attribute (total_bytes, count, packets…). */
const MEASURE_NAME = /(total|sum|count|cnt|bytes|packets|avg|mean|max|min|num|size|amount)/i;

/** Numeric columns that name a category rather than measure something (ports, protocol numbers, dates). */
const CATEGORY_NAME = /(port|protocol|version|_id$|^id$|year|month|day|hour|type|flags)/i;

function distinctCount(rows: readonly (readonly (string | null)[])[], index: number, sample: number): number {
  return new Set(rows.slice(0, sample).map((row) => row[index])).size;
}

/**
 * The default pick. Values: the first numeric column named like a measure (total_bytes, count),
 * else the first that is not a category (port, protocol), else the first numeric one. Labels: of the other columns (text ones first), the one with the most
 * distinct values among the first rows, so `SELECT *` labels by address rather than account id.
 * Null when the result has no numeric column or no second column to label with.
 */
export function defaultChartColumns(
  columns: readonly ChartColumn[],
  rows: readonly (readonly (string | null)[])[] = [],
  sample = 50,
): { label: number; value: number } | null {
  const numeric = numericColumns(columns);
  if (numeric.length === 0 || columns.length < 2) return null;
  const value =
    numeric.find((index) => MEASURE_NAME.test(columns[index].name)) ??
    numeric.find((index) => !CATEGORY_NAME.test(columns[index].name)) ??
    numeric[0];
  const text = columns.map((_, index) => index).filter((index) => !numeric.includes(index));
  const candidates = text.length > 0 ? text : numeric.filter((index) => index !== value);
  if (candidates.length === 0) return null;
  let label = candidates[0];
  for (const index of candidates) if (distinctCount(rows, index, sample) > distinctCount(rows, label, sample)) label = index;
  return { label, value };
}

/** Bars for the first `limit` rows whose value is a number; a NULL label reads "NULL". */
export function chartBars(rows: readonly (readonly (string | null)[])[], label: number, value: number, limit = 50): ChartBar[] {
  const bars: ChartBar[] = [];
  for (const row of rows) {
    if (bars.length >= limit) break;
    const raw = row[value];
    if (raw === null || raw === undefined || raw.trim() === '') continue;
    const number = Number(raw);
    if (!Number.isFinite(number)) continue;
    bars.push({ label: row[label] ?? 'NULL', value: number });
  }
  return bars;
}

/** An axis from min(0, smallest) to max(0, largest) in steps of 1, 2 or 5 × 10ⁿ, about `target` ticks. */
export function niceScale(values: readonly number[], target = 5): { min: number; max: number; ticks: number[] } {
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  if (low === high) return { min: 0, max: 1, ticks: [0, 1] };
  const rough = (high - low) / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const round = (value: number) => Number(value.toPrecision(12));
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(round(i * step));
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks };
}
