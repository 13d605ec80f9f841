/**
 * An error local AWS answers with. Each protocol codec renders it in its service's real envelope
 * (EC2 <Response><Errors>, awsQuery <ErrorResponse>, JSON __type, S3 <Error>), so SDKs and the CLI
 * surface the same code and message they would get from AWS.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members some errors carry (S3: BucketName, Key; Athena: AthenaErrorCode). */
    readonly extra: Record<string, string> = {},
    /** awsQuery's <Type>: Sender for the caller's mistakes, Receiver for ours. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export function notImplemented(service: string, operation: string): AwsError {
  return new AwsError(
    'NotImplemented',
    `The ${service} operation ${operation} is not implemented by local AWS.`,
    501,
    {},
    'Receiver',
  );
}

export function internalError(error: unknown): AwsError {
  const detail = error instanceof Error ? error.message : String(error);
  return new AwsError('InternalFailure', `Local AWS could not complete the request: ${detail}`, 500);
}
