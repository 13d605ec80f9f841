import { DEFAULT_LOG_FORMAT, findFlowLogField, type FlowLogFieldName } from './fields';

export type LogFormatProblem =
  /** Empty, or not `${field}` tokens separated by single spaces (AWS: "has an invalid format"). */
  | { kind: 'invalid-format'; message: string }
  /** Well-formed tokens naming fields that do not exist. */
  | { kind: 'unknown-fields'; fields: string[]; message: string };

export type LogFormatResult = { ok: true; fields: FlowLogFieldName[]; version: number } | { ok: false; problem: LogFormatProblem };

const TOKEN = /^\$\{([^${}\s]+)\}$/;

/**
 * Parses a flow log LogFormat: `${field}` tokens separated by single spaces, no leading or trailing
 * space, at least one field, every field from the catalog. Repeated fields are allowed, as AWS
 * allows them (a record then repeats the value).
 */
export function parseLogFormat(format: string): LogFormatResult {
  const invalid = (): LogFormatResult => ({
    ok: false,
    problem: {
      kind: 'invalid-format',
      message: `1 validation error detected: Value '${format}' at 'logFormat' has an invalid format`,
    },
  });
  if (format === '' || format !== format.trim()) return invalid();
  const tokens = format.split(' ');
  const names: string[] = [];
  for (const token of tokens) {
    const match = TOKEN.exec(token);
    if (!match) return invalid();
    names.push(match[1]);
  }
  const unknown = names.filter((name) => !findFlowLogField(name));
  if (unknown.length > 0) {
    const list = [...new Set(unknown)].map((name) => `\${${name}}`).join(', ');
    return {
      ok: false,
      problem: { kind: 'unknown-fields', fields: unknown, message: `Unknown fields provided in LogFormat: ${list}` },
    };
  }
  const fields = names as FlowLogFieldName[];
  return { ok: true, fields, version: recordVersion(fields) };
}

/** The version written in records: the highest version among the format's fields. */
export function recordVersion(fields: readonly string[]): number {
  let version = 2;
  for (const name of fields) version = Math.max(version, findFlowLogField(name)?.version ?? 2);
  return version;
}

/** Fields of a stored flow log's format; a missing format is the AWS default format. */
export function logFormatFields(format: string | undefined): FlowLogFieldName[] {
  const parsed = parseLogFormat(format ?? DEFAULT_LOG_FORMAT);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.fields;
}

export function isDefaultLogFormat(format: string | undefined): boolean {
  return format === undefined || format === DEFAULT_LOG_FORMAT;
}
