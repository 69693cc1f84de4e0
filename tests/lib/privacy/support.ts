import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { apiKeys, invitations, webhookEndpoints } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { resetEnvCache } from '@/lib/env';
import { encryptSecret } from '@/lib/secrets';
import { resetStorage } from '@/lib/storage';
import { createWorkspaceWithOwner } from '../tenancy/support';

/** Points the process-wide storage at a fresh temp directory (the local backend). */
export function useTempStorage(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'tessera-export-test-'));
  process.env.STORAGE_DIR = directory;
  resetEnvCache();
  resetStorage();
  return directory;
}

export type SeededWorkspace = Awaited<ReturnType<typeof seedWorkspace>>;

/**
 * A workspace with something in the tables the export has to get right: secrets that must stay
 * out (an API key's hash, an invitation's token hash, a sealed webhook secret), a bigint beyond
 * 2^53, dates, arrays and json.
 */
export async function seedWorkspace(name = 'Export Space') {
  const made = await createWorkspaceWithOwner(name);
  const tenantId = made.workspace.id;
  const secrets = {
    apiKeyHash: randomBytes(32).toString('hex'),
    invitationTokenHash: randomBytes(32).toString('hex'),
    webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
  };
  const sealed = encryptSecret(secrets.webhookSecret, { kind: 'workspace', id: tenantId });
  const endpoint = await withSystem('test: test fixture', async (tx) => {
    await tx.insert(apiKeys).values({ tenantId, name: 'CI key', prefix: 'tsk_live_ab12', hash: secrets.apiKeyHash, scopes: ['journal:read'], createdBy: made.owner.id });
    await tx.insert(invitations).values({
      tenantId,
      email: `invitee-${tenantId.slice(0, 8)}@example.test`,
      tokenHash: secrets.invitationTokenHash,
      invitedBy: made.owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const [row] = await tx
      .insert(webhookEndpoints)
      // Loopback: the delivery the workflow triggers is refused at once instead of leaving the machine.
      .values({ tenantId, url: 'https://127.0.0.1:9/hook', eventTypes: ['export.ready', 'member.joined'], secretSealed: sealed, createdBy: made.owner.id })
      .returning();
    return row!;
  });
  // SQL literals: 2^53 + 1 must reach the database exactly, never through a JS number.
  await withTenant(made.ownerCtx, (tx) =>
    tx.execute(sql`
      insert into usage_ledger (tenant_id, metric, period, amount, operation_id) values
        (${tenantId}, 'api.requests', '2026-11-01', 9007199254740993, 'op-1'),
        (${tenantId}, 'api.requests', '2026-11-01', 7, 'op-2'),
        (${tenantId}, 'bots.ticks', '2026-12-01', 35, 'op-3')`),
  );
  return { ...made, tenantId, secrets: { ...secrets, sealed }, endpoint };
}
