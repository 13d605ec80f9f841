import { NextResponse } from 'next/server';
import { getQueryExecution } from '@/server/data/athena';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

/** A query's state and statistics, polled by the editor while it runs (a GET, so polls never queue behind actions). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await getQueryExecution(await currentRegion(), id);
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
