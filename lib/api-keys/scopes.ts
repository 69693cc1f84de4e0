/**
 * The scopes an API key may hold. Each product has a read and a write scope; `usage:read` and
 * `audit:read` are the platform's. Write implies nothing: a key that writes journal trades and
 * lists them holds both `journal:read` and `journal:write`.
 */
export const API_PRODUCTS = ['bots', 'journal', 'money', 'pricing'] as const;
export type ApiProduct = (typeof API_PRODUCTS)[number];

export const API_SCOPES = [
  ...API_PRODUCTS.flatMap((product) => [`${product}:read`, `${product}:write`] as const),
  'usage:read',
  'audit:read',
  'webhooks:read',
  'webhooks:write',
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export const SCOPE_LABELS: Record<ApiScope, string> = {
  'bots:read': 'Read bots, runs and orders',
  'bots:write': 'Create, change and control bots',
  'journal:read': 'Read journal trades and analytics',
  'journal:write': 'Log and change journal trades',
  'money:read': 'Read accounts, transactions and budgets',
  'money:write': 'Import and change transactions, rules and budgets',
  'pricing:read': 'Read catalog, competitors and price suggestions',
  'pricing:write': 'Change prices and pricing settings',
  'usage:read': 'Read metered usage against quotas',
  'audit:read': 'Read the audit log',
  'webhooks:read': 'Read webhook endpoints and deliveries',
  'webhooks:write': 'Create, change and delete webhook endpoints',
};
