import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { accounts, auditLog, memberships, userSessions, users, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { accountChain } from '@/lib/audit/chains';
import { storage, userKey, type FileStorage } from '@/lib/storage';
import { ownedWorkspaces } from '@/lib/tenancy/owned-workspaces';
import { markAccountExportRunning, recordAccountExportStep } from './account-export-rows';
import { DEFAULT_BATCH_ROWS } from './export-table';
import { writeWorkspaceInto } from './export-writer';
import { writeZip } from './zip-sink';

export function accountExportKey(userId: string, exportId: string): string {
  return userKey(userId, 'account-exports', `${exportId}.zip`);
}

export function accountExportFilename(exportedAt: Date): string {
  return `tessera-account-export-${exportedAt.toISOString().slice(0, 10)}.zip`;
}

export type AccountExportManifest = {
  format: 'tessera-account-export';
  version: 1;
  exportedAt: string;
  user: { id: string; email: string };
  /** SHA-256 (hex) of each file under account/, by path. */
  sha256: Record<string, string>;
  /** Each owned workspace's folder; its own manifest.json inside lists its tables. */
  workspaces: Array<{ id: string; name: string; slug: string; folder: string; tables: number; rows: number }>;
};

export type WrittenAccountExport = { storageKey: string; bytes: number; sha256: string; manifest: AccountExportManifest };

/**
 * Everything Tessera holds about one person, as one zip (the README inside says what each file
 * is): profile, sign-in methods, sessions, security log and memberships as JSON under account/,
 * then each workspace they own as a complete workspace export under workspaces/<slug>/. Secrets
 * never leave: no password or 2FA secret, no OAuth tokens; the workspace folders leave out the
 * same columns a workspace export does.
 */
export async function writeAccountExport(userId: string, exportId: string, options: { store?: FileStorage; now?: Date } = {}): Promise<WrittenAccountExport> {
  const exportedAt = options.now ?? new Date();
  const owned = await ownedWorkspaces(userId);
  await withSystem('privacy: account export started', (tx) => markAccountExportRunning(tx, exportId, owned.length + 1));
  const account = await readAccount(userId);

  const storageKey = accountExportKey(userId, exportId);
  const { bytes, sha256, result: manifest } = await writeZip(options.store ?? storage(), storageKey, accountExportFilename(exportedAt), async (sink, scratch) => {
    const sha256: Record<string, string> = {};
    for (const [name, value] of Object.entries(account.files)) {
      const bytes = Buffer.from(JSON.stringify(value, null, 2) + '\n');
      const file = `account/${name}.json`;
      sha256[file] = createHash('sha256').update(bytes).digest('hex');
      sink.zip.addBuffer(bytes, file, { mtime: exportedAt });
    }
    const nested: AccountExportManifest['workspaces'] = [];
    let steps = 1;
    await withSystem('privacy: account export progress', (tx) => recordAccountExportStep(tx, exportId, steps));
    for (const workspace of owned) {
      const folder = `workspaces/${workspace.slug}/`;
      const written = await writeWorkspaceInto(sink, workspace.ctx, { scratch, exportedAt, batchRows: DEFAULT_BATCH_ROWS, folder });
      nested.push({ id: workspace.id, name: workspace.name, slug: workspace.slug, folder, tables: written.tables.length, rows: written.tables.reduce((sum, t) => sum + t.rows, 0) });
      steps += 1;
      await withSystem('privacy: account export progress', (tx) => recordAccountExportStep(tx, exportId, steps));
    }
    const manifest: AccountExportManifest = { format: 'tessera-account-export', version: 1, exportedAt: exportedAt.toISOString(), user: { id: userId, email: account.email }, sha256, workspaces: nested };
    sink.zip.addBuffer(Buffer.from(accountReadme(manifest)), 'README.md', { mtime: exportedAt });
    sink.zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json', { mtime: exportedAt });
    return manifest;
  });
  return { storageKey, bytes, sha256, manifest };
}

async function readAccount(userId: string) {
  return withSystem('privacy: read an account for its export', async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new Error(`account export: user ${userId} not found`);
    const { passwordHash, totpSecret, tokenVersion: _tokenVersion, failedLoginAttempts: _attempts, ...profile } = user;
    const methods = await tx
      .select({ type: accounts.type, provider: accounts.provider, providerAccountId: accounts.providerAccountId, scope: accounts.scope })
      .from(accounts)
      .where(eq(accounts.userId, userId));
    const sessions = await tx.select().from(userSessions).where(eq(userSessions.userId, userId)).orderBy(asc(userSessions.createdAt));
    const security = await tx
      .select({
        seq: auditLog.seq,
        action: auditLog.action,
        actorLabel: auditLog.actorLabel,
        ip: auditLog.ip,
        userAgent: auditLog.userAgent,
        metadata: auditLog.metadata,
        createdAt: auditLog.createdAt,
        hash: auditLog.hash,
        prevHash: auditLog.prevHash,
      })
      .from(auditLog)
      .where(eq(auditLog.chain, accountChain(userId)))
      .orderBy(asc(auditLog.seq));
    const memberOf = await tx
      .select({ workspaceId: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(workspaces.slug));
    return {
      email: user.email,
      files: {
        profile: { ...profile, hasPassword: Boolean(passwordHash), twoFactorEnabled: Boolean(totpSecret && user.totpEnabledAt) },
        'sign-in-methods': methods,
        sessions,
        'security-events': security,
        memberships: memberOf,
      },
    };
  });
}

function accountReadme(manifest: AccountExportManifest): string {
  const folders = manifest.workspaces.length
    ? manifest.workspaces.map((w) => `- \`${w.folder}\`: ${w.name} (${w.tables} tables, ${w.rows} rows)`).join('\n')
    : '- (none: you own no workspace)';
  return `# Tessera account export

Account: ${manifest.user.email} (id ${manifest.user.id})
Exported at: ${manifest.exportedAt} (UTC)

This archive holds everything Tessera stores about you.

## Files

- \`account/profile.json\`: your profile and settings. Your password and two-factor secret are
  never exported; \`hasPassword\` and \`twoFactorEnabled\` say whether you have them.
- \`account/sign-in-methods.json\`: the Google or GitHub identities connected to the account
  (without their access tokens).
- \`account/sessions.json\`: every sign-in session: when, from which IP and device, how it ended.
- \`account/security-events.json\`: your security log (sign-ins, password and email changes,
  two-factor), with each entry's hash: each hash covers the entry and the previous one's hash.
- \`account/memberships.json\`: the workspaces you belong to and your role in each.
- \`workspaces/<slug>/\`: every workspace you own, each a complete workspace export with its own
  README.md and manifest.json:
${folders}

\`manifest.json\` lists the SHA-256 of each file under \`account/\`; each workspace's manifest lists
its own. Check them with \`sha256sum\`.
`;
}
