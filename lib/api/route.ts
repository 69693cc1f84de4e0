import { z } from 'zod';
import { transactionWroteEvents, withTenant, type Tx } from '@/db/tenant';
import type { ApiScope } from '@/lib/api-keys/scopes';
import { isWriteScope, roleGrantsScope, scopeAllows } from '@/lib/api-keys/scope-permissions';
import { cachedEntitlements } from '@/lib/billing/entitlements-cache';
import { consumeQuota, requireFeatureIn } from '@/lib/billing/gates';
import type { Entitlements } from '@/lib/billing/entitlements';
import { refreshUsageCountersSoon } from '@/lib/billing/usage-counters';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { clientIp, UNKNOWN_IP } from '@/lib/http/client-ip';
import { dispatchAfterResponse } from '@/lib/jobs/outbox';
import { requestLogger } from '@/lib/observability/logger';
import { measured } from '@/lib/observability/measured-route';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/observability/request-id';
import { rateLimitHeaders } from '@/lib/ratelimit/headers';
import { limitApiForPlan } from '@/lib/ratelimit/limits';
import type { RateLimitResult } from '@/lib/ratelimit/types';
import { requireApiAccess, type ApiAccess } from '@/lib/tenancy/require-api-access';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { assertWorkspaceWritable } from '@/lib/tenancy/workspace-deletion';
import { corsHeaders } from './cors';
import { apiErrorBody, issueDetails } from './errors';
import { claimIdempotencyKey, idempotencyKeyFrom, requestFingerprint, storeIdempotentResponse } from './idempotency';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export type ApiRouteDefinition<P extends AnyObject, Q extends AnyObject, B extends AnyObject, O extends z.ZodType> = {
  method: ApiMethod;
  /** The OpenAPI path, `{name}` for a segment: must match the file's place under app/api/v1 (the drift test checks). */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** null: any valid key or session (e.g. /me). */
  scope: ApiScope | null;
  params?: P;
  query?: Q;
  body?: B;
  response: O;
  /** Success status (default 200; 201 suits a create). */
  status?: number;
};

export type ApiHandlerArgs<P extends AnyObject, Q extends AnyObject, B extends AnyObject> = {
  /** The request's one tenant transaction: pass it down; open no other. */
  tx: Tx;
  access: ApiAccess;
  /** The workspace's entitlements as the wrapper checked them for this request (version-checked). */
  entitlements: Entitlements;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  request: Request;
  meta: RequestMeta;
  /** Response headers the handler adds (ETag, Location). */
  headers: Headers;
};

export type ApiRouteHandler = ((request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Response | Promise<Response>) & {
  definition: ApiRouteDefinition<AnyObject, AnyObject, AnyObject, z.ZodType>;
};

const EMPTY = z.object({}).strict();
const WRITE_METHODS: readonly ApiMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

function json(status: number, body: unknown, headers: Headers): Response {
  return raw(status, JSON.stringify(body), headers);
}

function raw(status: number, text: string, headers: Headers): Response {
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Cache-Control', 'no-store');
  return new Response(status === 204 ? null : text, { status, headers });
}

// Unknown fields are refused, not ignored: a typo must not pass silently. The strict copies are
// made once per schema: `.strict()` builds a new schema, and zod compiles each schema on its first
// parse, which per request cost more CPU than the rest of an API call.
const strictCopies = new WeakMap<AnyObject, AnyObject>();
function strictOf(schema: AnyObject): AnyObject {
  let strict = strictCopies.get(schema);
  if (!strict) {
    strict = schema.strict() as unknown as AnyObject;
    strictCopies.set(schema, strict);
  }
  return strict;
}

function parsePart<S extends AnyObject>(schema: S | undefined, value: unknown, part: 'params' | 'query' | 'body'): z.output<S> {
  const parsed = strictOf(schema ?? EMPTY).safeParse(value);
  if (!parsed.success) {
    throw new AppError('bad_request', `The request's ${part === 'body' ? 'body' : part === 'query' ? 'query string' : 'path'} is not valid.`, issueDetails(parsed.error, part));
  }
  return parsed.data as z.output<S>;
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

async function readJsonBody(request: Request): Promise<{ text: string; value: unknown }> {
  const text = await request.text();
  if (text.trim() === '') return { text, value: {} };
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError('bad_request', 'Send the body as JSON with "Content-Type: application/json".', { header: 'Content-Type' });
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.');
  }
}

function checkScope(access: ApiAccess, scope: ApiScope | null): void {
  if (!scope) return;
  const allowed = access.key ? scopeAllows(access.key, scope) : roleGrantsScope(access.ctx.role, scope);
  if (!allowed) {
    throw new AppError('insufficient_scope', access.key ? `This key lacks the "${scope}" scope.` : `Your role does not allow "${scope}".`, { scope });
  }
}

// A session's cookie rides along on any cross-site request: a change needs the app's own origin.
function checkSameOrigin(request: Request, access: ApiAccess, method: ApiMethod): void {
  if (access.key || !WRITE_METHODS.includes(method)) return;
  const origin = request.headers.get('origin');
  if (origin !== new URL(env().APP_URL).origin && origin !== new URL(request.url).origin) {
    throw new AppError('forbidden', 'A signed-in browser may change data only from the app itself; use an API key elsewhere.');
  }
}

/**
 * The one wrapper for public API routes (DESIGN.md §3). In order: credentials (API key or session
 * + Tessera-Workspace), scope, the plan's `api.read` (and `api.write` for changes), the per-plan
 * rate limit, zod parsing of path, query and body (unknown fields refused), then ONE tenant
 * transaction holding the Idempotency-Key claim for a POST, the `api.calls` meter and the handler.
 * Every answer carries the request id, RateLimit-* once counted, and CORS headers for configured
 * origins; every error is `{ error: { code, message, details } }` with its status.
 */
export function apiRoute<P extends AnyObject = typeof EMPTY, Q extends AnyObject = typeof EMPTY, B extends AnyObject = typeof EMPTY, O extends z.ZodType = z.ZodType>(
  definition: ApiRouteDefinition<P, Q, B, O>,
  handler: (args: ApiHandlerArgs<P, Q, B>) => Promise<z.input<O>>,
): ApiRouteHandler {
  const route = async (request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const headers = new Headers({ [REQUEST_ID_HEADER]: requestId, ...corsHeaders(request.headers.get('origin')) });
    let tenantId: string | undefined;
    try {
      const ip = clientIp(request.headers);
      const meta: RequestMeta = { ip: ip === UNKNOWN_IP ? null : ip, userAgent: request.headers.get('user-agent') };
      const access = await requireApiAccess(request.headers, meta.ip);
      tenantId = access.ctx.tenantId;
      checkScope(access, definition.scope);
      checkSameOrigin(request, access, definition.method);

      const entitlements = await cachedEntitlements(access.ctx.tenantId, new Date(), access.billing);
      const writes = WRITE_METHODS.includes(definition.method) || (definition.scope !== null && isWriteScope(definition.scope));
      requireFeatureIn(entitlements, 'api.read', 'The API');
      if (writes) requireFeatureIn(entitlements, 'api.write', 'Changing data through the API');

      const limit: RateLimitResult = await limitApiForPlan(access.ctx.tenantId, entitlements.apiRatePerMinute);
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) headers.set(name, value);
      if (!limit.success) throw new AppError('rate_limited', `This workspace's plan allows ${limit.limit} API requests a minute. Retry after the time in Retry-After.`);

      // A route without dynamic segments gets no params from Next (undefined, not {}).
      const params = parsePart(definition.params, (await context?.params) ?? {}, 'params');
      const query = parsePart(definition.query, queryObject(new URL(request.url)), 'query');
      const rawBody = definition.method === 'GET' || definition.method === 'DELETE' ? { text: '', value: {} } : await readJsonBody(request);
      const body = parsePart(definition.body, rawBody.value, 'body');
      const idempotencyKey = definition.method === 'POST' ? idempotencyKeyFrom(request.headers) : null;
      const fingerprint = idempotencyKey ? requestFingerprint(definition.method, new URL(request.url).pathname, rawBody.text) : '';

      const work = async (tx: Tx) => {
        if (idempotencyKey) {
          const claim = await claimIdempotencyKey(tx, access.ctx.tenantId, idempotencyKey, fingerprint);
          if (!claim.claimed) return { replay: claim.response, consumed: [], events: false };
        }
        if (writes) await assertWorkspaceWritable(tx, access.ctx.tenantId);
        const consumed = await consumeQuota(tx, access.ctx.tenantId, 'api.calls', 1, undefined, entitlements);
        const output = await handler({ tx, access, entitlements, params, query, body, request, meta, headers });
        const data = definition.response.parse(output);
        const successStatus = definition.status ?? 200;
        const text = JSON.stringify(data);
        if (idempotencyKey) await storeIdempotentResponse(tx, access.ctx.tenantId, idempotencyKey, { status: successStatus, body: text });
        return { result: { status: successStatus, body: text }, consumed: [consumed], events: transactionWroteEvents() };
      };
      const outcome = await withTenant(access.ctx, work);
      if (outcome.events) dispatchAfterResponse();
      if (outcome.consumed.length) refreshUsageCountersSoon(outcome.consumed);
      if ('replay' in outcome && outcome.replay) {
        headers.set('Idempotent-Replayed', 'true');
        return raw(outcome.replay.status, outcome.replay.body, headers);
      }
      return raw(outcome.result!.status, outcome.result!.body, headers);
    } catch (error) {
      const known = error instanceof AppError ? error : null;
      if (!known) requestLogger(requestId).error({ err: error, route: definition.path, tenantId }, 'api route failed');
      const appError = known ?? new AppError('internal', 'Something went wrong on our side. Retry, and quote the request id if it persists.', { request_id: requestId });
      return json(appError.status, apiErrorBody(appError), headers);
    }
  };
  // The process logs every request once (lib/observability/request-log.ts); metrics by route pattern here.
  return Object.assign(measured(definition.path, route), { definition: definition as unknown as ApiRouteDefinition<AnyObject, AnyObject, AnyObject, z.ZodType> });
}
