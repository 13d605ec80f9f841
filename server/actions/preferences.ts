'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { REGION_PATTERN } from '@/lib/aws-regions';
import { LANG_COOKIE, LANGS } from '@/lib/i18n/core';
import { REGION_COOKIE } from '@/server/region';
import type { ActionResult } from './result';

const ONE_YEAR = 60 * 60 * 24 * 365;
const cookieOptions = { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true } as const;

/** Setting the cookie makes Next re-render the current page and layouts with the new Region. */
export async function setRegion(region: string): Promise<ActionResult> {
  const parsed = z.string().regex(REGION_PATTERN).safeParse(region);
  if (!parsed.success) return { ok: false, message: `Not a Region code: ${region}` };
  (await cookies()).set(REGION_COOKIE, parsed.data, cookieOptions);
  return { ok: true, data: undefined };
}

export async function setLanguage(lang: string): Promise<ActionResult> {
  const parsed = z.enum(LANGS).safeParse(lang);
  if (!parsed.success) return { ok: false, message: `Not a supported language: ${lang}` };
  (await cookies()).set(LANG_COOKIE, parsed.data, cookieOptions);
  return { ok: true, data: undefined };
}
