import { apiRoute } from '@/lib/api/route';
import { describeUsage, usageQuery, usageResponse } from '@/lib/api/usage';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/usage',
    summary: 'Metered usage against quotas',
    description: "This month's (or the given month's) use of each metered quota, with the plan's allowance and a daily series.",
    tags: ['Platform'],
    scope: 'usage:read',
    query: usageQuery,
    response: usageResponse,
  },
  ({ tx, access, query }) => describeUsage(tx, access.ctx.tenantId, query.period),
);
