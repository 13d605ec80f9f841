import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';

/** Runs a call that must fail and checks the EC2 error code (and optionally the message). */
export async function expectEc2Error(call: Promise<unknown>, code: string, message?: string | RegExp) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(EC2ServiceException);
  const ec2Error = error as EC2ServiceException;
  expect(ec2Error.name).toBe(code);
  if (message !== undefined) {
    if (typeof message === 'string') expect(ec2Error.message).toBe(message);
    else expect(ec2Error.message).toMatch(message);
  }
  return ec2Error;
}

/** Polls local AWS's delivery status until no window is pending and nothing runs. */
export async function waitForDeliveryIdle(endpoint: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(`${endpoint}/_local-aws/flow-log-delivery`)).json()) as {
      running: boolean;
      pendingWindows: number;
      windows: number;
    };
    if (!status.running && status.pendingWindows === 0) return status;
    if (Date.now() > deadline) throw new Error(`delivery still busy: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
