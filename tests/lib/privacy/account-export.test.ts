import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountExports, accounts, auditLog, emailOutbox, memberships, outbox, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import { resetEnvCache } from '@/lib/env';
import { accountExportDownloadUrl, accountExportsOf, requestAccountExport } from '@/lib/privacy/account-export';
import type { AccountExportManifest } from '@/lib/privacy/account-export-writer';
import { runInline } from '@/lib/jobs';
import { accountExportWorkflow } from '@/lib/privacy/workflows';
import { resetStorage, storage } from '@/lib/storage';
import { unzip } from '../../helpers/export-zip';
import { createWorkspaceWithOwner, meta } from '../tenancy/support';
import { seedWorkspace, useTempStorage } from './support';

let storageDir: string;
beforeAll(() => {
  storageDir = useTempStorage();
});
afterEach(() => {
  process.env.STORAGE_DIR = storageDir;
  resetEnvCache();
  resetStorage();
});

/**
 * Runs this export's workflow from its outbox event, as the inline sender does (same event id, so
 * the dispatch the request kicked joins this run instead of starting another). Never waits on
 * the whole outbox: in CI it holds other files' events too.
 */
async function runExport(exportId: string) {
  const rows = await withSystem('test: outbox', (tx) => tx.select().from(outbox).where(eq(outbox.name, 'privacy/account-export.requested')));
  const event = rows.find((row) => (row.data as { exportId?: string }).exportId === exportId)!;
  const result = await runInline(accountExportWorkflow, { id: event.id, data: event.data });
  // skipped: the kicked dispatch already ran it to the end.
  expect(['succeeded', 'skipped']).toContain(result.status);
}

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('Export my data', () => {
  it('queues one export at a time with a security-log entry', async () => {
    const { owner } = await createWorkspaceWithOwner();
    const row = await requestAccountExport(owner.id, { ip: '203.0.113.5', userAgent: 'test' });
    expect(row).toMatchObject({ userId: owner.id, status: 'queued' });
    await expect(requestAccountExport(owner.id, meta)).rejects.toMatchObject({ code: 'conflict' });
    const [audit] = await withSystem('test: audit', (tx) => tx.select().from(auditLog).where(and(eq(auditLog.chain, `u:${owner.id}`), eq(auditLog.action, 'privacy.account_export_requested'))));
    expect(audit).toMatchObject({ targetId: row.id, ip: '203.0.113.5' });
    const queued = await withSystem('test: outbox', (tx) => tx.select().from(outbox).where(eq(outbox.name, 'privacy/account-export.requested')));
    expect(queued.some((event) => (event.data as { exportId?: string }).exportId === row.id)).toBe(true);
    expect((await accountExportsOf(owner.id)).map((r) => r.id)).toEqual([row.id]);
    await runExport(row.id);
  });

  it('writes profile, sign-in methods, sessions, security log and memberships, with every owned workspace nested, and no secret', async () => {
    const owned = await seedWorkspace('Owned Space');
    const person = owned.owner;
    const elsewhere = await createWorkspaceWithOwner('Not Mine');
    const passwordHash = await hashPassword('a long and private passphrase');
    await withSystem('test: fixture', async (tx) => {
      await tx.update(users).set({ passwordHash, totpSecret: 'v1.sealed-totp-secret', totpEnabledAt: new Date() }).where(eq(users.id, person.id));
      await tx.insert(accounts).values({ userId: person.id, type: 'oauth', provider: 'github', providerAccountId: '4242', access_token: 'gho_secret_access', refresh_token: 'ghr_secret_refresh', scope: 'read:user' });
      await tx.insert(memberships).values({ tenantId: elsewhere.workspace.id, userId: person.id, role: 'member' });
      await recordAccountAudit(tx, person.id, { action: 'auth.sign_in.succeeded', actorUserId: person.id, ip: '198.51.100.3' });
    });
    const requested = await requestAccountExport(person.id, meta);
    await runExport(requested.id);
    const [row] = await withSystem('test: row', (tx) => tx.select().from(accountExports).where(eq(accountExports.id, requested.id)));
    expect(row).toMatchObject({ status: 'ready', stepsTotal: 2, stepsDone: 2, storageKey: `${person.id}/account-exports/${requested.id}.zip` });

    const object = await storage().get(row!.storageKey!);
    const zip = await bytesOf(object!.body);
    expect(createHash('sha256').update(zip).digest('hex')).toBe(row!.sha256);
    expect(BigInt(zip.length)).toBe(row!.bytes);
    const entries = await unzip(zip);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as AccountExportManifest;
    expect(manifest.workspaces.map((w) => w.slug)).toEqual([owned.workspace.slug]);
    for (const [file, sha] of Object.entries(manifest.sha256)) expect(createHash('sha256').update(entries.get(file)!).digest('hex')).toBe(sha);

    const json = (name: string) => JSON.parse(entries.get(`account/${name}.json`)!.toString()) as unknown;
    expect(json('profile')).toMatchObject({ id: person.id, email: person.email, hasPassword: true, twoFactorEnabled: true });
    expect(json('sign-in-methods')).toEqual([{ type: 'oauth', provider: 'github', providerAccountId: '4242', scope: 'read:user' }]);
    expect((json('security-events') as Array<{ action: string }>).map((e) => e.action)).toContain('auth.sign_in.succeeded');
    expect((json('memberships') as Array<{ slug: string; role: string }>).map((m) => [m.slug, m.role]).sort()).toEqual(
      [
        [owned.workspace.slug, 'owner'],
        [elsewhere.workspace.slug, 'member'],
      ].sort(),
    );
    // The owned workspace is a complete workspace export under its folder; the other one is not in it.
    const folder = `workspaces/${owned.workspace.slug}/`;
    expect(entries.has(`${folder}manifest.json`)).toBe(true);
    expect(entries.has(`${folder}tables/usage_ledger.ndjson`)).toBe(true);
    expect([...entries.keys()].some((name) => name.includes(elsewhere.workspace.slug))).toBe(false);
    expect(entries.get('README.md')!.toString()).toContain('Tessera account export');

    const everything = [...entries.values()].map((b) => b.toString('latin1')).join('\n');
    for (const secret of [passwordHash, 'sealed-totp-secret', 'gho_secret_access', 'ghr_secret_refresh', owned.secrets.apiKeyHash, owned.secrets.invitationTokenHash, owned.secrets.webhookSecret]) {
      expect(everything).not.toContain(secret);
    }

    const { url } = await accountExportDownloadUrl(person.id, requested.id);
    expect(url).toMatch(/^http/);
    await expect(accountExportDownloadUrl(elsewhere.owner.id, requested.id)).rejects.toMatchObject({ code: 'not_found' });
    const mails = await withSystem('test: mail', (tx) => tx.select({ subject: emailOutbox.subject }).from(emailOutbox).where(and(eq(emailOutbox.to, person.email), eq(emailOutbox.template, 'export-ready'))));
    expect(mails.map((m) => m.subject)).toEqual(['Your data export of your Tessera account is ready']);
  });
});
