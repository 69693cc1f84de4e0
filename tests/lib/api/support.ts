import { z } from 'zod';
import { recordWorkspaceAudit } from '@/lib/audit';
import { apiRoute, type ApiRouteHandler } from '@/lib/api/route';

export const BASE = 'http://localhost:3000';

/** Calls a route handler as Next would, with the path params it would pass. */
export function call(handler: ApiRouteHandler, init: { method?: string; path: string; token?: string; headers?: Record<string, string>; body?: string; params?: Record<string, string> }) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const request = new Request(`${BASE}${init.path}`, { method: init.method ?? handler.definition.method, headers, body: init.body });
  // As Next does: a route without dynamic segments is called with params resolving to undefined.
  const params = init.params ? Promise.resolve(init.params) : (Promise.resolve(undefined) as unknown as Promise<Record<string, string>>);
  return handler(request, { params });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read arbitrary fields of the JSON
export async function jsonOf(response: Response): Promise<any> {
  return JSON.parse(await response.text());
}

/** A POST whose effect can be counted: one audit row per effect. */
export const noteRoute = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/test-notes',
    summary: 'test',
    tags: ['Test'],
    scope: 'journal:write',
    body: z.object({ text: z.string().min(1).max(100), count: z.number().int().optional() }),
    response: z.object({ text: z.string(), at: z.string() }),
    status: 201,
  },
  async ({ tx, access, body }) => {
    await recordWorkspaceAudit(tx, access.ctx.tenantId, { action: 'api_key.created', actorUserId: access.ctx.userId, targetType: 'note', targetId: body.text, metadata: {} });
    // Long enough that a concurrent twin arrives while this one is still open.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return { text: body.text, at: new Date().toISOString() };
  },
);
