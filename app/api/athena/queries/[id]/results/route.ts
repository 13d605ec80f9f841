import { NextResponse } from 'next/server';
import { getQueryResultsPage } from '@/server/data/athena';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

/** One GetQueryResults page (≤1000 rows); `?nextToken=` asks for the page after the one that returned it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const nextToken = new URL(request.url).searchParams.get('nextToken') ?? undefined;
  const result = await getQueryResultsPage(await currentRegion(), id, nextToken);
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
