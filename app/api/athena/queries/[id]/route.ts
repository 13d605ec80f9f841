import { NextResponse } from 'next/server';
import { getQueryResultsPage, waitForQueryExecution } from '@/server/data/athena';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

/** The longest a poll waits for the query to finish before it answers with the state as it is. */
const MAX_WAIT_MS = 2000;

/**
 * A query's state and statistics, polled by the editor while it runs (a GET, so polls never queue
 * behind actions). `?wait=ms&state=RUNNING` holds the answer until the query leaves that state or
 * that long has passed;
 * `&firstPage=1` adds the first results page when it has succeeded, saving the browser a round trip
 * before it can paint rows.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const search = new URL(request.url).searchParams;
  const wait = Math.min(MAX_WAIT_MS, Math.max(0, Number(search.get('wait')) || 0));
  const region = await currentRegion();
  const result = await waitForQueryExecution(region, id, wait, search.get('state') ?? undefined);
  const firstPage = result.ok && result.data.state === 'SUCCEEDED' && search.get('firstPage') === '1' ? await getQueryResultsPage(region, id) : undefined;
  return NextResponse.json(firstPage ? { ...result, firstPage } : result, { headers: { 'Cache-Control': 'no-store' } });
}
