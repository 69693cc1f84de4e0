import { apiRoute } from '@/lib/api/route';
import { endpointEtag, endpointJson, endpointParams, webhookEndpointWithSecret } from '@/lib/api/webhooks';
import { rotateWebhookSecret } from '@/lib/webhooks/endpoints';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    summary: 'Rotate the signing secret',
    description: 'Returns the new secret once; deliveries from now on are signed with it and the old one stops at once.',
    tags: ['Webhooks'],
    scope: 'webhooks:write',
    params: endpointParams,
    response: webhookEndpointWithSecret,
  },
  async ({ tx, access, params, meta, headers }) => {
    const { endpoint, secret } = await rotateWebhookSecret(tx, access.ctx, params.id, meta);
    headers.set('ETag', endpointEtag(endpoint));
    return { ...endpointJson(endpoint), secret };
  },
);
