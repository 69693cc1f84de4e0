import { apiRoute } from '@/lib/api/route';
import { auditQuery, auditResponse, listAuditPage } from '@/lib/api/audit';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/audit',
    summary: 'The audit log',
    description: "The workspace's audit trail, newest first, within the plan's retention. Cursor-paged.",
    tags: ['Platform'],
    scope: 'audit:read',
    query: auditQuery,
    response: auditResponse,
  },
  ({ tx, access, query }) => listAuditPage(tx, access.ctx.tenantId, query),
);
