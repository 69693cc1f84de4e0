import { describe, expect, it } from 'vitest';
import { tenantContext, withTenant } from '@/db/tenant';
import type { WorkspacePage } from '@/lib/actions/workspace-page';
import { exportWorkspaceAudit } from '@/lib/audit/export';
import { auditCsv, auditVisibleSince } from '@/lib/audit/export-csv';
import { listWorkspaceAudit, type AuditEntry } from '@/lib/audit/queries';
import { recordWorkspaceAudit } from '@/lib/audit/record';
import { createTenant } from '../../helpers/database';
import { setBillingAccount } from '../../helpers/billing-account';

async function workspaceWithTrail(plan: 'team' | null) {
  const { user, workspace } = await createTenant();
  const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
  await withTenant(ctx, async (tx) => {
    await recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.created', actorUserId: user.id });
    await recordWorkspaceAudit(tx, workspace.id, { action: 'member.invited', actorUserId: user.id, metadata: { email: '=cmd|"/c calc"!A1' } });
  });
  if (plan) await setBillingAccount(workspace.id, { overridePlanId: plan });
  const page = { ctx, workspace, read: (fn: Parameters<WorkspacePage['read']>[0]) => withTenant(ctx, fn, { readOnly: true }) } as unknown as WorkspacePage;
  return { ctx, workspace, page };
}

const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  seq: 1,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  action: 'member.invited',
  actionLabel: 'Member invited',
  actorUserId: null,
  actorLabel: null,
  actorName: null,
  targetType: null,
  targetId: null,
  ip: null,
  userAgent: null,
  metadata: {},
  ...fields,
});

describe('audit CSV export', () => {
  it('escapes cells a spreadsheet would run as formulas, and starts with a BOM and a header', () => {
    const csv = auditCsv([entry({ actorName: '=HYPERLINK("http://evil.test","x")', targetId: '+1', ip: '@SUM(A1)', userAgent: '-2' })]);
    expect(csv.startsWith('\uFEFFtime_utc,action,')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(row).toContain("'+1");
    expect(row).toContain("'@SUM(A1)");
    expect(row).toContain("'-2");
    expect(row.startsWith('2026-12-01T10:00:00.000Z,member.invited,Member invited,')).toBe(true);
  });

  it('is refused on a plan without it, and on Team gives the trail as CSV', async () => {
    const free = await workspaceWithTrail(null);
    await expect(exportWorkspaceAudit(free.page, {})).rejects.toMatchObject({ code: 'payment_required', message: expect.stringMatching(/Team plan/) });
    const team = await workspaceWithTrail('team');
    const file = await exportWorkspaceAudit(team.page, {});
    expect(file.rows).toBe(2);
    expect(file.filename).toMatch(new RegExp(`^audit-${team.workspace.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(file.csv).toContain('member.invited');
    // The metadata cell starts with `{`, so it is not a formula; a formula-looking value inside stays quoted JSON.
    expect(file.csv).toContain('""=cmd|\\""/c calc\\""!A1""');
  });

  it('retention hides older entries from the list without removing them', async () => {
    const { ctx, workspace } = await workspaceWithTrail(null);
    const list = (visibleSince: Date | null) => withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { limit: 50, visibleSince }));
    expect((await list(auditVisibleSince(30))).entries).toHaveLength(2);
    expect((await list(auditVisibleSince(30, new Date(Date.now() + 31 * 86_400_000)))).entries).toHaveLength(0);
    expect((await list(auditVisibleSince(null))).entries).toHaveLength(2);
  });
});
