import { z } from 'zod';
import { decryptSecret, encryptSecret } from '@/lib/secrets';

// Exchange API credentials: sealed with the workspace's key (DESIGN.md §6), shown only as a hint,
// never logged and never sent back to the browser.

export const exchangeCredentialsSchema = z.object({
  apiKey: z.string().trim().min(8, 'Paste the whole API key.').max(200),
  apiSecret: z.string().trim().min(8, 'Paste the whole API secret.').max(400),
});

export type ExchangeCredentials = z.infer<typeof exchangeCredentialsSchema>;

const scope = (tenantId: string) => ({ kind: 'workspace' as const, id: tenantId });

/** `abcd…wxyz`: enough to recognise a key, not to use it. */
export function credentialsHint(credentials: ExchangeCredentials): string {
  const key = credentials.apiKey;
  return key.length <= 8 ? '••••' : `${key.slice(0, 4)}…${key.slice(-4)}`;
}

export function sealCredentials(tenantId: string, credentials: ExchangeCredentials): { sealed: string; hint: string } {
  return { sealed: encryptSecret(JSON.stringify(credentials), scope(tenantId)), hint: credentialsHint(credentials) };
}

export function openCredentials(tenantId: string, sealed: string): ExchangeCredentials {
  return exchangeCredentialsSchema.parse(JSON.parse(decryptSecret(sealed, scope(tenantId))));
}
