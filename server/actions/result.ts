/** What every server action returns: expected failures are values, not exceptions. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string[] | undefined> };
