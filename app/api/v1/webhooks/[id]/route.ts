import { z } from 'zod';
import { assertIfMatch } from '@/lib/api/etag';
import { apiRoute } from '@/lib/api/route';
import { endpointEtag, endpointJson, endpointParams, webhookEndpoint } from '@/lib/api/webhooks';
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { apiUpdateWebhookBody } from '@/lib/webhooks/input';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/webhooks/{id}',
    summary: 'Get a webhook endpoint',
    description: 'With its ETag, to send as If-Match when changing it.',
    tags: ['Webhooks'],
    scope: 'webhooks:read',
    params: endpointParams,
    response: webhookEndpoint,
  },
  async ({ tx, params, headers }) => {
    const endpoint = await getWebhookEndpoint(tx, params.id);
    headers.set('ETag', endpointEtag(endpoint));
    return endpointJson(endpoint);
  },
);

export const PATCH = apiRoute(
  {
    method: 'PATCH',
    path: '/api/v1/webhooks/{id}',
    summary: 'Change a webhook endpoint',
    description: 'Send only what changes. With If-Match, a change made by someone else since you read it is refused (412).',
    tags: ['Webhooks'],
    scope: 'webhooks:write',
    params: endpointParams,
    body: apiUpdateWebhookBody,
    response: webhookEndpoint,
  },
  async ({ tx, access, params, body, meta, request, headers }) => {
    const endpoint = await updateWebhookEndpoint(
      tx,
      access.ctx,
      params.id,
      { url: body.url, description: body.description, eventTypes: body.event_types, enabled: body.enabled },
      meta,
      { expectedVersion: (current) => assertIfMatch(request.headers, endpointEtag(current)) },
    );
    headers.set('ETag', endpointEtag(endpoint));
    return endpointJson(endpoint);
  },
);

export const DELETE = apiRoute(
  {
    method: 'DELETE',
    path: '/api/v1/webhooks/{id}',
    summary: 'Delete a webhook endpoint',
    description: 'Deletes its delivery log too; deliveries still waiting are dropped.',
    tags: ['Webhooks'],
    scope: 'webhooks:write',
    params: endpointParams,
    response: z.null(),
    status: 204,
  },
  async ({ tx, access, params, meta, request }) => {
    const current = await getWebhookEndpoint(tx, params.id, { lock: true });
    assertIfMatch(request.headers, endpointEtag(current));
    await deleteWebhookEndpoint(tx, access.ctx, params.id, meta);
    return null;
  },
);
