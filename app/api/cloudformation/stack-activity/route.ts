import { z } from 'zod';
import { getStackActivity } from '@/server/data/cloudformation';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

const query = z.object({ stackId: z.string().min(1).max(2048), after: z.string().min(1).max(1024).optional() });

/**
 * What a stack page polls while CloudFormation works: the stack, the events newer than `after`
 * (the newest event the page already shows), and the resources. Answers a ReadResult as JSON, so an
 * AWS error reaches the page as a code and message.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = query.safeParse({ stackId: url.searchParams.get('stackId'), after: url.searchParams.get('after') ?? undefined });
  if (!parsed.success) return Response.json({ ok: false, error: { code: 'ValidationError', message: '"stackId" is required.' } }, { status: 400 });
  const result = await getStackActivity(await currentRegion(), parsed.data.stackId, parsed.data.after);
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
