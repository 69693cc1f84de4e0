import type { ApiScope } from './scopes';

/** How the create form and the list group scopes: one row per area, a read and (where there is one) a write box. */
export type ScopeGroup = { label: string; read: ApiScope; write?: ApiScope };

export const SCOPE_GROUPS: readonly ScopeGroup[] = [
  { label: 'Bots', read: 'bots:read', write: 'bots:write' },
  { label: 'Journal', read: 'journal:read', write: 'journal:write' },
  { label: 'Money', read: 'money:read', write: 'money:write' },
  { label: 'Pricing', read: 'pricing:read', write: 'pricing:write' },
  { label: 'Usage', read: 'usage:read' },
  { label: 'Audit log', read: 'audit:read' },
  { label: 'Webhook endpoints', read: 'webhooks:read', write: 'webhooks:write' },
];
