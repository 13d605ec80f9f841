import { AwsError } from '../../errors';

/**
 * Athena's JSON errors carry the Athena-specific code twice, as `AthenaErrorCode` and `ErrorCode`
 * (measured against real Athena: `{"__type":"InvalidRequestException","AthenaErrorCode":"INVALID_INPUT",
 * "ErrorCode":"INVALID_INPUT","Message":"…"}`), and no x-amzn-errortype header.
 */
export type AthenaErrorCode =
  | 'INVALID_INPUT'
  | 'MALFORMED_QUERY'
  | 'QUERY_EXECUTION_NOT_FOUND'
  | 'INVALID_QUERY_EXECUTION_STATE'
  | 'RESULT_NOT_FOUND'
  | 'IDEMPOTENT_PARAMETER_MISMATCH'
  | 'RESOURCE_NOT_FOUND'
  | 'DATACATALOG_NOT_FOUND'
  | 'ENTITY_NOT_FOUND';

export function invalidRequest(message: string, athenaErrorCode: AthenaErrorCode = 'INVALID_INPUT'): AwsError {
  return new AwsError('InvalidRequestException', message, 400, { AthenaErrorCode: athenaErrorCode, ErrorCode: athenaErrorCode });
}

/** `1 validation error detected: Value null at 'workGroup' failed to satisfy constraint: Member must not be null`. */
export function missingMember(member: string): AwsError {
  return invalidRequest(`1 validation error detected: Value null at '${lowerCamel(member)}' failed to satisfy constraint: Member must not be null`);
}

export function constraintViolation(member: string, value: unknown, constraint: string): AwsError {
  const shown = value === undefined ? '' : ` '${String(value)}'`;
  return invalidRequest(`1 validation error detected: Value${shown} at '${lowerCamel(member)}' failed to satisfy constraint: ${constraint}`);
}

/** Athena's metadata errors (GetTableMetadata, GetDatabase) use MetadataException. */
export function metadataError(message: string): AwsError {
  return new AwsError('MetadataException', message, 400);
}

export function lowerCamel(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

export const workGroupNotFound = () => invalidRequest('WorkGroup is not found.');
