import { apiRoute } from '@/lib/api/route';
import { deliveryJson, endpointParams, webhookDelivery } from '@/lib/api/webhooks';
import { sendTestEvent } from '@/lib/webhooks/deliveries';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/webhooks/{id}/test',
    summary: 'Send a test event',
    description: 'Queues a `webhook.test` event for this endpoint alone and returns its delivery; read the delivery log for the outcome.',
    tags: ['Webhooks'],
    scope: 'webhooks:write',
    params: endpointParams,
    response: webhookDelivery,
    status: 202,
  },
  async ({ tx, access, params, meta }) => deliveryJson(await sendTestEvent(tx, access.ctx, params.id, meta)),
);
