import { AppError } from '@/lib/errors/app-error';
import { apiRoute } from '@/lib/api/route';
import { deliveryJson, deliveryParams, webhookDelivery } from '@/lib/api/webhooks';
import { redeliver } from '@/lib/webhooks/deliveries';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver',
    summary: 'Send a delivery again',
    description: 'Same id (`webhook-id`), fresh retry schedule. The endpoint must be on (409 otherwise).',
    tags: ['Webhooks'],
    scope: 'webhooks:write',
    params: deliveryParams,
    response: webhookDelivery,
    status: 202,
  },
  async ({ tx, access, params, meta }) => {
    const delivery = await redeliver(tx, access.ctx, params.delivery_id, meta);
    if (delivery.endpointId !== params.id) throw new AppError('not_found', 'That delivery does not exist.');
    return deliveryJson(delivery);
  },
);
