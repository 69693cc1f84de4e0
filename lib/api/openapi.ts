import { z } from 'zod';
import { API_SCOPES, SCOPE_LABELS } from '@/lib/api-keys/scopes';
import { appVersion } from '@/lib/observability/version';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from '@/lib/webhooks/events';
import { apiErrorSchema } from './errors';
import type { ApiRouteHandler } from './route';

type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

const ERRORS: Record<string, string> = {
  '400': 'Malformed JSON, a wrong type or an unknown field (`details.fields` names each).',
  '401': 'No valid credentials.',
  '402': 'The plan lacks the API (`plan_required`) or a quota is used up (`quota_exceeded`).',
  '403': 'A missing scope (`insufficient_scope`, named in `details.scope`) or `two_factor_required`.',
  '404': 'No such object in this workspace.',
  '409': 'A conflicting change, an Idempotency-Key whose first request is still running, or a change to a workspace scheduled for deletion (`workspace_read_only`).',
  '412': 'If-Match no longer matches (`precondition_failed`).',
  '413': 'The body is larger than the limit.',
  '422': 'The request is well-formed but refused (`validation_failed`, `idempotency_key_reused`).',
  '429': "The plan's rate limit (`rate_limited`); see Retry-After.",
};

const RATE_HEADERS = {
  'RateLimit-Limit': { description: 'Requests allowed per window.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in this window.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
};

// Lifts zod's $defs into components so a named schema (`.meta({ id })`) is described once.
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Components): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
  const parsed = JSON.parse(text) as JsonSchema & { $defs?: Components };
  for (const [name, def] of Object.entries(parsed.$defs ?? {})) components[name] = def;
  delete parsed.$defs;
  delete parsed.$schema;
  return parsed;
}

type Parameter = { name: string; in: 'path' | 'query' | 'header'; required: boolean; description?: string; schema: JsonSchema };

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query', components: Components): Parameter[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const SIGNATURE_HEADERS = {
  'webhook-id': { required: true, description: 'The delivery id: the same on every retry and redelivery, so drop repeats.', schema: { type: 'string' } },
  'webhook-timestamp': { required: true, description: 'Unix seconds when this attempt was signed; refuse ones far from now.', schema: { type: 'string' } },
  'webhook-signature': {
    required: true,
    description: '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the endpoint secret (base64 after `whsec_`), per Standard Webhooks.',
    schema: { type: 'string' },
  },
};

// OpenAPI 3.1's top-level `webhooks`: what Tessera POSTs to an endpoint, one entry per event type.
function webhookOperations(components: Components): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const envelope = z.object({ type: z.literal(type), timestamp: z.string().meta({ description: 'When the event happened, ISO-8601 UTC.' }), data: WEBHOOK_EVENTS[type].schema });
      return [
        type,
        {
          post: {
            summary: type,
            description: `${WEBHOOK_EVENTS[type].description} Answer 2xx within 10 seconds; anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).`,
            tags: ['Webhooks'],
            parameters: Object.entries(SIGNATURE_HEADERS).map(([name, header]) => ({ name, in: 'header', ...header })),
            requestBody: { required: true, content: { 'application/json': { schema: toSchema(envelope, 'output', components) } } },
            responses: { '200': { description: 'Received (any 2xx).' } },
          },
        },
      ];
    }),
  );
}

/** OpenAPI 3.1 for the given routes, from the same zod schemas the wrapper parses with. */
export function buildOpenApi(routes: readonly ApiRouteHandler[], serverUrl: string) {
  const components: Components = {};
  const errorRef = toSchema(apiErrorSchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { definition: d } of [...routes].sort((a, b) => a.definition.path.localeCompare(b.definition.path))) {
    const parameterList = [...parameters(d.params, 'path', components), ...parameters(d.query, 'query', components)];
    if (d.method === 'POST') {
      parameterList.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Repeat a POST safely: the first response is stored for 24 h and replayed for the same key and body.',
        schema: { type: 'string', maxLength: 255 },
      });
    }
    const status = String(d.status ?? 200);
    const operation: Record<string, unknown> = {
      operationId: `${d.method.toLowerCase()}${d.path.replace('/api/v1', '').replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: d.summary,
      ...(d.description ? { description: d.description } : {}),
      tags: [...d.tags],
      security: d.scope ? [{ apiKey: [d.scope] }, { session: [] }] : [{ apiKey: [] }, { session: [] }],
      ...(d.scope ? { 'x-scope': d.scope } : {}),
      parameters: parameterList,
      ...(d.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(d.body, 'input', components) } } } } : {}),
      responses: {
        [status]: {
          description: 'Success.',
          headers: RATE_HEADERS,
          ...(status === '204' ? {} : { content: { 'application/json': { schema: toSchema(d.response, 'output', components) } } }),
        },
        ...Object.fromEntries(Object.entries(ERRORS).map(([code, description]) => [code, { description, content: { 'application/json': { schema: errorRef } } }])),
      },
    };
    (paths[d.path] ??= {})[d.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tessera API',
      version: `v1 (${appVersion()})`,
      description:
        'The public REST API. Authenticate with a workspace API key (`Authorization: Bearer tsr_…`). Lists are cursor-paged (`?limit=&cursor=`, `next_cursor`), times are ISO-8601 UTC, money is `{ amount_minor, currency }`, crypto quantities are decimal strings. Errors are `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: 'Platform', description: 'The workspace, its usage and its audit log.' },
      { name: 'Webhooks', description: 'Endpoints that receive signed events, their delivery logs, and the events themselves (under Webhooks).' },
    ],
    paths,
    webhooks: webhookOperations(components),
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `A workspace API key (Settings → API keys). Scopes: ${API_SCOPES.map((scope) => `\`${scope}\` (${SCOPE_LABELS[scope]})`).join(', ')}.`,
        },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'A signed-in browser, with the workspace slug in the `Tessera-Workspace` header.' },
      },
    },
  };
}
