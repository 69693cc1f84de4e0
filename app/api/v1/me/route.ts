import { apiRoute } from '@/lib/api/route';
import { meResponse, describeMe } from '@/lib/api/me';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/me',
    summary: 'Who is calling',
    description: 'The workspace the credentials act in, its plan, and the key and scopes used.',
    tags: ['Platform'],
    scope: null,
    response: meResponse,
  },
  ({ tx, access, entitlements }) => describeMe(tx, access, entitlements),
);
