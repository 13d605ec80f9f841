/**
 * How a query fails, in Athena's terms. A FAILED query's StateChangeReason is `<NAME>: <message>`
 * (e.g. `TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.x' does not exist`), and its
 * Status.AthenaError carries the category/type Athena uses for that error name.
 */

/** Athena ErrorType numbers measured for Trino's user errors (category 2); others are 1000. */
const USER_ERROR_TYPES: Record<string, number> = {
  TABLE_NOT_FOUND: 1301,
  SCHEMA_NOT_FOUND: 1301,
  COLUMN_NOT_FOUND: 1006,
  CATALOG_NOT_FOUND: 1006,
  TYPE_MISMATCH: 1002,
  FUNCTION_NOT_FOUND: 1303,
  DIVISION_BY_ZERO: 1001,
  INVALID_CAST_ARGUMENT: 1100,
  NOT_SUPPORTED: 1200,
  SYNTAX_ERROR: 1000,
};

export class QueryFailure extends Error {
  constructor(
    /** Trino's error name, e.g. TABLE_NOT_FOUND, or a Hive-style `FAILED: …` text when `raw`. */
    readonly errorName: string,
    readonly detail: string,
    readonly options: { category?: number; type?: number; retryable?: boolean; raw?: boolean } = {},
  ) {
    super(options.raw ? detail : `${errorName}: ${detail}`);
  }

  get reason(): string {
    return this.message;
  }

  get athenaError() {
    const category = this.options.category ?? (USER_ERROR_TYPES[this.errorName] !== undefined || !this.options.raw ? 2 : 1);
    const type = this.options.type ?? USER_ERROR_TYPES[this.errorName] ?? 1000;
    return { ErrorCategory: category, ErrorType: type, Retryable: this.options.retryable ?? false, ErrorMessage: this.message };
  }
}

/** `line L:C: …` prefix of Trino's messages. */
export function at(position: { line: number; column: number } | undefined, message: string): string {
  return position ? `line ${position.line}:${position.column}: ${message}` : message;
}

/** A statement Athena's grammar rejects: StartQueryExecution answers MALFORMED_QUERY, no execution is created. */
export class MalformedQuery extends Error {}
