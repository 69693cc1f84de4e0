import { and, eq } from 'drizzle-orm';
import { apiKeys, billingAccounts, memberships, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { noteKeyUsed } from './last-used';
import type { ApiKeyPrincipal } from './principal';
import { isApiScope } from './scopes';
import { workingKeyAt } from './status';
import { hashApiKey, looksLikeApiKey, visiblePrefix } from './token';

/**
 * What the same lookup says about the workspace's billing row: the entitlements version and
 * override end that cachedEntitlements checks its cached copy against (read in the key's own
 * statement, so a call pays no separate version read).
 */
export type BillingState = { version: number; overrideUntil: Date | null };

/**
 * The key's principal, or null for anything not valid — malformed, unknown, revoked, expired,
 * past its rotation grace, its creator no longer a member, its workspace gone — with no hint
 * which. One query: the key by its hash joined with the creator's membership (inner join, so a
 * creator who left matches nothing), the workspace's slug and its billing row's entitlements
 * version (left join: a workspace without one reads as version 0). It is a system read because the key
 * itself says which tenant it belongs to. Comparing in constant time is not needed: the lookup is
 * by SHA-256 of the presented key, so timing can at most reveal bits of a hash an attacker chose,
 * never of a stored secret.
 */
export async function authenticateApiKey(token: string, meta: { ip: string | null; now?: Date }): Promise<ApiKeyPrincipal | null> {
  return (await authenticateApiKeyWithBilling(token, meta))?.principal ?? null;
}

/** authenticateApiKey plus the workspace's BillingState from the same statement (the API wrapper's entry). */
export async function authenticateApiKeyWithBilling(
  token: string,
  meta: { ip: string | null; now?: Date },
): Promise<{ principal: ApiKeyPrincipal; billing: BillingState } | null> {
  if (!looksLikeApiKey(token)) return null;
  const now = meta.now ?? new Date();
  const [row] = await withSystem('api_keys: authenticate', (tx) =>
    tx
      .select({
        id: apiKeys.id,
        tenantId: apiKeys.tenantId,
        scopes: apiKeys.scopes,
        createdBy: memberships.userId,
        role: memberships.role,
        lastUsedAt: apiKeys.lastUsedAt,
        slug: workspaces.slug,
        billingVersion: billingAccounts.version,
        overrideUntil: billingAccounts.overrideUntil,
      })
      .from(apiKeys)
      .innerJoin(memberships, and(eq(memberships.tenantId, apiKeys.tenantId), eq(memberships.userId, apiKeys.createdBy)))
      .innerJoin(workspaces, eq(workspaces.id, apiKeys.tenantId))
      .leftJoin(billingAccounts, eq(billingAccounts.tenantId, apiKeys.tenantId))
      .where(and(eq(apiKeys.hash, hashApiKey(token)), workingKeyAt(now)))
      .limit(1),
  );
  if (!row) return null;
  noteKeyUsed(row.id, row.lastUsedAt, meta.ip, now);
  return {
    principal: {
      keyId: row.id,
      prefix: visiblePrefix(token),
      tenantId: row.tenantId,
      workspaceSlug: row.slug,
      creatorUserId: row.createdBy,
      creatorRole: row.role,
      scopes: row.scopes.filter(isApiScope),
    },
    billing: { version: row.billingVersion ?? 0, overrideUntil: row.overrideUntil ?? null },
  };
}
