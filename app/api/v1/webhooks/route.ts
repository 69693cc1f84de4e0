import { apiRoute } from '@/lib/api/route';
import { endpointEtag, endpointJson, webhookEndpointList, webhookEndpointWithSecret } from '@/lib/api/webhooks';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/webhooks/endpoints';
import { apiCreateWebhookBody } from '@/lib/webhooks/input';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/webhooks',
    summary: 'List webhook endpoints',
    description: "The workspace's endpoints, newest first (at most 20, so unpaged).",
    tags: ['Webhooks'],
    scope: 'webhooks:read',
    response: webhookEndpointList,
  },
  async ({ tx }) => ({ data: (await listWebhookEndpoints(tx)).map(endpointJson) }),
);

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/webhooks',
    summary: 'Add a webhook endpoint',
    description: 'Returns the signing secret once. Needs a plan with the public API; a workspace holds at most 20 endpoints (409 beyond).',
    tags: ['Webhooks'],
    scope: 'webhooks:write',
    body: apiCreateWebhookBody,
    response: webhookEndpointWithSecret,
    status: 201,
  },
  async ({ tx, access, body, meta, headers }) => {
    const { endpoint, secret } = await createWebhookEndpoint(tx, access.ctx, { url: body.url, description: body.description ?? '', eventTypes: body.event_types }, meta);
    headers.set('ETag', endpointEtag(endpoint));
    headers.set('Location', `/api/v1/webhooks/${endpoint.id}`);
    return { ...endpointJson(endpoint), secret };
  },
);
