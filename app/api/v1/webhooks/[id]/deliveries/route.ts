import { apiRoute } from '@/lib/api/route';
import { deliveriesQuery, deliveriesResponse, endpointParams, listDeliveriesPage } from '@/lib/api/webhooks';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/webhooks/{id}/deliveries',
    summary: "An endpoint's delivery log",
    description: 'Newest first, with the last attempt’s outcome. Cursor-paged.',
    tags: ['Webhooks'],
    scope: 'webhooks:read',
    params: endpointParams,
    query: deliveriesQuery,
    response: deliveriesResponse,
  },
  ({ tx, params, query }) => listDeliveriesPage(tx, params.id, query),
);
