/**
 * The functions a query may call: Trino's names (Athena engine v3), each mapped onto DuckDB. This list
 * is an allow-list: a name that is not here fails with `FUNCTION_NOT_FOUND … Function 'x' not
 * registered`, exactly as Athena answers a function it does not know — which is also what keeps
 * DuckDB's own functions (read_csv, glob, current_setting, getvariable, …) out of reach.
 *
 * A rule either keeps the call (DuckDB has the same function), renames it, or expands a template:
 * DuckDB SQL in which `$1`, `$2`… stand for the arguments. Templates are parsed once by DuckDB and
 * spliced into the query's syntax tree, so an argument is never re-read as text.
 */

export interface FunctionRule {
  /** DuckDB function to call with the same arguments. */
  rename?: string;
  /** DuckDB expression with $1..$n for the arguments; a function picks one by argument count. */
  template?: string | ((argc: number) => string | undefined);
  /** Rewrites the call with knowledge of constant arguments (formats, units). Returns a template and extra constants. */
  special?: 'date_format' | 'date_parse' | 'format_datetime' | 'parse_datetime' | 'date_add' | 'regexp_replace' | 'concat';
  /** Allowed argument counts (inclusive range); outside it the call fails as Trino fails it. */
  args?: [number, number];
}

const keep: FunctionRule = {};
const rename = (to: string, args?: [number, number]): FunctionRule => ({ rename: to, args });
const template = (t: FunctionRule['template'], args?: [number, number]): FunctionRule => ({ template: t, args });

export const TRINO_FUNCTIONS: Record<string, FunctionRule> = {
  // ------------------------------------------------------------ aggregates
  count: keep,
  count_if: keep,
  sum: keep,
  avg: keep,
  min: { args: [1, 1] },
  max: { args: [1, 1] },
  min_by: { rename: 'arg_min', args: [2, 2] },
  max_by: { rename: 'arg_max', args: [2, 2] },
  arbitrary: rename('any_value'),
  any_value: keep,
  approx_distinct: rename('approx_count_distinct', [1, 1]),
  approx_percentile: template((n) => (n === 2 ? 'approx_quantile($1, $2)' : undefined), [2, 2]),
  array_agg: keep,
  bool_and: keep,
  bool_or: keep,
  every: rename('bool_and'),
  stddev: rename('stddev_samp'),
  stddev_samp: keep,
  stddev_pop: keep,
  variance: rename('var_samp'),
  var_samp: keep,
  var_pop: keep,
  corr: keep,
  covar_samp: keep,
  covar_pop: keep,
  regr_slope: keep,
  regr_intercept: keep,
  geometric_mean: rename('geomean'),
  histogram: keep,
  kurtosis: keep,
  skewness: keep,
  checksum: template('md5(string_agg(CAST($1 AS VARCHAR), \'\'))', [1, 1]),

  // ------------------------------------------------------------ window
  row_number: keep,
  rank: keep,
  dense_rank: keep,
  percent_rank: keep,
  cume_dist: keep,
  ntile: keep,
  lag: keep,
  lead: keep,
  first_value: keep,
  last_value: keep,
  nth_value: keep,

  // ------------------------------------------------------------ conditional
  coalesce: keep,
  nullif: keep,
  if: template((n) => (n === 2 ? 'CASE WHEN $1 THEN $2 END' : n === 3 ? 'CASE WHEN $1 THEN $2 ELSE $3 END' : undefined), [2, 3]),
  try: keep,
  greatest: keep,
  least: keep,
  typeof: template('lower(typeof($1))', [1, 1]),

  // ------------------------------------------------------------ math
  abs: keep,
  cbrt: keep,
  ceil: keep,
  ceiling: keep,
  degrees: keep,
  e: template('exp(1)', [0, 0]),
  exp: keep,
  floor: keep,
  ln: keep,
  log: template('log($1, $2)', [2, 2]),
  log2: keep,
  log10: keep,
  mod: template('($1 % $2)', [2, 2]),
  pi: keep,
  pow: keep,
  power: keep,
  radians: keep,
  rand: template((n) => (n === 0 ? 'random()' : n === 1 ? 'CAST(floor(random() * $1) AS BIGINT)' : undefined), [0, 1]),
  random: template((n) => (n === 0 ? 'random()' : n === 1 ? 'CAST(floor(random() * $1) AS BIGINT)' : undefined), [0, 1]),
  round: keep,
  sign: keep,
  sqrt: keep,
  truncate: template((n) => (n === 1 ? 'trunc($1)' : n === 2 ? 'trunc($1 * pow(10, $2)) / pow(10, $2)' : undefined), [1, 2]),
  sin: keep,
  cos: keep,
  tan: keep,
  asin: keep,
  acos: keep,
  atan: keep,
  atan2: keep,
  sinh: keep,
  cosh: keep,
  tanh: keep,
  infinity: template("CAST('infinity' AS DOUBLE)", [0, 0]),
  nan: template("CAST('nan' AS DOUBLE)", [0, 0]),
  is_nan: rename('isnan', [1, 1]),
  is_finite: rename('isfinite', [1, 1]),
  is_infinite: rename('isinf', [1, 1]),
  bitwise_and: template('($1 & $2)', [2, 2]),
  bitwise_or: template('($1 | $2)', [2, 2]),
  bitwise_xor: template('xor($1, $2)', [2, 2]),
  bitwise_not: template('(~$1)', [1, 1]),
  width_bucket: template('CASE WHEN $1 < $2 THEN 0 WHEN $1 >= $3 THEN $4 + 1 ELSE CAST(floor(($1 - $2) * $4 / ($3 - $2)) AS BIGINT) + 1 END', [4, 4]),

  // ------------------------------------------------------------ strings
  length: keep,
  lower: keep,
  upper: keep,
  substr: keep,
  substring: keep,
  replace: template((n) => (n === 2 ? "replace($1, $2, '')" : n === 3 ? 'replace($1, $2, $3)' : undefined), [2, 3]),
  reverse: keep,
  trim: keep,
  ltrim: keep,
  rtrim: keep,
  lpad: keep,
  rpad: keep,
  concat: { special: 'concat' },
  concat_ws: keep,
  strpos: template((n) => (n === 2 ? 'strpos($1, $2)' : undefined), [2, 2]),
  position: keep,
  split: template((n) => (n === 2 ? 'string_split($1, $2)' : undefined), [2, 2]),
  split_part: template('(string_split($1, $2))[$3]', [3, 3]),
  chr: keep,
  codepoint: rename('unicode', [1, 1]),
  starts_with: keep,
  levenshtein_distance: rename('levenshtein', [2, 2]),
  hamming_distance: rename('hamming', [2, 2]),
  to_utf8: rename('encode', [1, 1]),
  from_utf8: rename('decode', [1, 1]),
  to_hex: template('hex($1)', [1, 1]),
  from_hex: template('unhex($1)', [1, 1]),
  md5: template('unhex(md5($1))', [1, 1]),
  sha256: template('unhex(sha256($1))', [1, 1]),
  translate: keep,
  format: rename('printf'),
  url_extract_host: template("regexp_extract($1, '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)', 1)", [1, 1]),
  url_extract_path: template("regexp_extract($1, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*([^?#]*)', 1)", [1, 1]),
  url_encode: keep,
  url_decode: keep,

  // ------------------------------------------------------------ regular expressions (Java-like syntax, RE2 engine)
  regexp_like: rename('regexp_matches', [2, 2]),
  regexp_extract: template(
    (n) => (n === 2 ? 'CASE WHEN regexp_matches($1, $2) THEN regexp_extract($1, $2) END' : n === 3 ? 'CASE WHEN regexp_matches($1, $2) THEN regexp_extract($1, $2, $3) END' : undefined),
    [2, 3],
  ),
  regexp_extract_all: keep,
  regexp_replace: { special: 'regexp_replace', args: [2, 3] },
  regexp_split: rename('regexp_split_to_array', [2, 2]),
  regexp_count: template('len(regexp_extract_all($1, $2))', [2, 2]),

  // ------------------------------------------------------------ arrays and maps
  cardinality: template('len($1)', [1, 1]),
  contains: template('list_contains($1, $2)', [2, 2]),
  array_join: template((n) => (n === 2 ? 'array_to_string($1, $2)' : n === 3 ? "array_to_string(list_transform($1, x -> coalesce(CAST(x AS VARCHAR), $3)), $2)" : undefined), [2, 3]),
  array_distinct: rename('list_distinct', [1, 1]),
  array_max: rename('list_max', [1, 1]),
  array_min: rename('list_min', [1, 1]),
  array_sort: rename('list_sort', [1, 1]),
  array_position: template('coalesce(list_position($1, $2), 0)', [2, 2]),
  array_remove: template('list_filter($1, x -> x IS DISTINCT FROM $2)', [2, 2]),
  array_union: template('list_distinct(list_concat($1, $2))', [2, 2]),
  array_intersect: rename('list_intersect', [2, 2]),
  arrays_overlap: rename('list_has_any', [2, 2]),
  element_at: template('($1)[$2]', [2, 2]),
  slice: template('list_slice($1, $2, $2 + $3 - 1)', [3, 3]),
  sequence: template((n) => (n === 2 ? 'generate_series($1, $2)' : n === 3 ? 'generate_series($1, $2, $3)' : undefined), [2, 3]),
  flatten: keep,
  repeat: template('list_transform(generate_series(1, $2), x -> $1)', [2, 2]),
  transform: rename('list_transform', [2, 2]),
  filter: rename('list_filter', [2, 2]),
  any_match: template('list_bool_or(list_transform($1, $2))', [2, 2]),
  all_match: template('list_bool_and(list_transform($1, $2))', [2, 2]),
  none_match: template('NOT list_bool_or(list_transform($1, $2))', [2, 2]),
  map: template((n) => (n === 0 ? 'map()' : n === 2 ? 'map($1, $2)' : undefined), [0, 2]),
  map_keys: keep,
  map_values: keep,

  // ------------------------------------------------------------ JSON
  json_extract: keep,
  json_extract_scalar: template('json_extract_string($1, $2)', [2, 2]),
  json_parse: template('CAST($1 AS JSON)', [1, 1]),
  json_format: template('CAST($1 AS VARCHAR)', [1, 1]),
  json_array_length: keep,
  json_size: template('json_array_length($1, $2)', [2, 2]),

  // ------------------------------------------------------------ date and time
  now: keep,
  current_timezone: template("'UTC'", [0, 0]),
  from_unixtime: template((n) => (n === 1 ? 'to_timestamp(CAST($1 AS DOUBLE))' : undefined), [1, 1]),
  from_unixtime_nanos: template('make_timestamp(CAST($1 / 1000 AS BIGINT))', [1, 1]),
  to_unixtime: template('epoch($1)', [1, 1]),
  from_iso8601_timestamp: template('CAST($1 AS TIMESTAMPTZ)', [1, 1]),
  from_iso8601_date: template('CAST($1 AS DATE)', [1, 1]),
  to_iso8601: template("strftime($1, '%Y-%m-%dT%H:%M:%S.%g') || CASE WHEN typeof($1) = 'TIMESTAMP WITH TIME ZONE' THEN 'Z' ELSE '' END", [1, 1]),
  date: template('CAST($1 AS DATE)', [1, 1]),
  date_trunc: template('date_trunc(lower($1), $2)', [2, 2]),
  date_add: { special: 'date_add', args: [3, 3] },
  date_diff: template('date_sub(lower($1), $2, $3)', [3, 3]),
  date_format: { special: 'date_format', args: [2, 2] },
  date_parse: { special: 'date_parse', args: [2, 2] },
  format_datetime: { special: 'format_datetime', args: [2, 2] },
  parse_datetime: { special: 'parse_datetime', args: [2, 2] },
  year: keep,
  quarter: keep,
  month: keep,
  week: keep,
  week_of_year: rename('week', [1, 1]),
  day: keep,
  day_of_month: rename('day', [1, 1]),
  day_of_week: rename('isodow', [1, 1]),
  dow: rename('isodow', [1, 1]),
  day_of_year: rename('dayofyear', [1, 1]),
  doy: rename('dayofyear', [1, 1]),
  year_of_week: rename('isoyear', [1, 1]),
  yow: rename('isoyear', [1, 1]),
  hour: keep,
  minute: keep,
  second: keep,
  millisecond: template('(millisecond($1) % 1000)', [1, 1]),
  last_day_of_month: template('CAST(last_day($1) AS DATE)', [1, 1]),
  at_timezone: template('timezone($2, $1)', [2, 2]),

  // ------------------------------------------------------------ misc
  uuid: keep,
};

/**
 * Functions DuckDB's parser writes for SQL syntax (EXTRACT, LIKE … ESCAPE, ROW(…), AT TIME ZONE,
 * INTERVAL literals, operators). They reach the tree only from syntax the Trino lexer let through, or
 * as names a user typed that are harmless; none touches files or settings.
 */
export const SYNTAX_FUNCTIONS = new Set([
  '+', '-', '*', '/', '%', '||', '~~', '!~~', 'count_star', 'date_part', 'like_escape', 'not_like_escape', 'row',
  'timezone', 'trunc', 'to_years', 'to_months', 'to_days', 'to_hours', 'to_minutes', 'to_seconds', 'to_milliseconds',
  'to_microseconds', 'to_weeks', 'to_quarters', 'to_centuries', 'to_decades', 'to_millennia',
]);

/** Trino's date/time units → DuckDB interval constructors for date_add. */
export const INTERVAL_UNITS: Record<string, string> = {
  millisecond: 'to_milliseconds',
  second: 'to_seconds',
  minute: 'to_minutes',
  hour: 'to_hours',
  day: 'to_days',
  week: 'to_weeks',
  month: 'to_months',
  quarter: 'to_quarters',
  year: 'to_years',
};

/**
 * MySQL-style specifiers of Trino's date_format/date_parse → strftime/strptime. Unsupported ones
 * (week numbers with %U/%u/%V/%X) are passed through and printed literally, as DuckDB would.
 */
export function mysqlFormatToStrftime(format: string): string {
  const map: Record<string, string> = {
    a: '%a', b: '%b', c: '%-m', d: '%d', e: '%-d', f: '%f', H: '%H', h: '%I', I: '%I', i: '%M', j: '%j', k: '%-H',
    l: '%-I', M: '%B', m: '%m', p: '%p', r: '%I:%M:%S %p', S: '%S', s: '%S', T: '%H:%M:%S', v: '%V', W: '%A',
    w: '%w', x: '%G', Y: '%Y', y: '%y', '%': '%%',
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && i + 1 < format.length) {
      const spec = format[++i];
      out += map[spec] ?? spec;
    } else out += c;
  }
  return out;
}

/** Joda-Time patterns of format_datetime/parse_datetime → strftime. */
export function jodaFormatToStrftime(format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'") {
      const close = format.indexOf("'", i + 1);
      if (close === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const literal = close < 0 ? format.slice(i + 1) : format.slice(i + 1, close);
      out += literal.replace(/%/g, '%%');
      i = close < 0 ? format.length : close + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c === '%' ? '%%' : c;
      i++;
      continue;
    }
    let j = i;
    while (format[j] === c) j++;
    const n = j - i;
    i = j;
    switch (c) {
      case 'y':
      case 'Y':
      case 'x':
        out += n === 2 ? '%y' : '%Y';
        break;
      case 'M':
        out += n >= 4 ? '%B' : n === 3 ? '%b' : n === 2 ? '%m' : '%-m';
        break;
      case 'd':
        out += n >= 2 ? '%d' : '%-d';
        break;
      case 'D':
        out += '%j';
        break;
      case 'H':
        out += n >= 2 ? '%H' : '%-H';
        break;
      case 'h':
        out += n >= 2 ? '%I' : '%-I';
        break;
      case 'm':
        out += n >= 2 ? '%M' : '%-M';
        break;
      case 's':
        out += n >= 2 ? '%S' : '%-S';
        break;
      case 'S':
        out += n <= 3 ? '%g' : n <= 6 ? '%f' : '%n';
        break;
      case 'a':
        out += '%p';
        break;
      case 'E':
        out += n >= 4 ? '%A' : '%a';
        break;
      case 'Z':
        out += '%z';
        break;
      case 'z':
        out += '%Z';
        break;
      default:
        out += c.repeat(n);
    }
  }
  return out;
}

/** Trino's `$1` group references in regexp_replace's replacement → RE2's `\1`. */
export function javaReplacementToRe2(replacement: string): string {
  return replacement.replace(/\\\\|\\\$|\$(\d)|\$\{(\w+)\}/g, (match, digit: string | undefined) => {
    if (match === '\\\\') return '\\\\';
    if (match === '\\$') return '$';
    if (digit !== undefined) return `\\${digit}`;
    return match;
  });
}
