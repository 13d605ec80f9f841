import { NextResponse } from 'next/server';
import { listRecentQueries, PRIMARY_WORKGROUP } from '@/server/data/athena';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

/** The Recent queries tab: the workgroup's latest executions, newest first. */
export async function GET(request: Request) {
  const workGroup = new URL(request.url).searchParams.get('workgroup') || PRIMARY_WORKGROUP;
  const result = await listRecentQueries(await currentRegion(), workGroup);
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
