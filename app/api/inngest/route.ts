import type { NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { inngest } from '@/lib/jobs/inngest-client';
import { functions } from '@/inngest/functions';
import { workflowBackend } from '@/lib/jobs';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handler = serve({ client: inngest, functions });

/**
 * Without Inngest keys nothing could verify a caller's signature, so zero-config mode does not
 * expose the endpoint at all: workflows run inline instead.
 */
function notConfigured(): Response {
  return Response.json(
    { error: { code: 'not_found', message: 'Inngest is not configured; workflows run inline' } },
    { status: 404, headers: { 'cache-control': 'no-store' } },
  );
}

function route(method: 'GET' | 'POST' | 'PUT') {
  return (request: NextRequest): Promise<Response> =>
    workflowBackend() === 'inline' ? Promise.resolve(notConfigured()) : handler[method](request, undefined);
}

export const GET = route('GET');
export const POST = route('POST');
export const PUT = route('PUT');
