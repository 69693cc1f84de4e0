import { describe, expect, it } from 'vitest';
import { inviteMember } from '@/lib/tenancy/invitations';
import { createWorkspaceWithOwner, inWorkspace, meta, outcome } from '../tenancy/support';

describe('the members limit on invitations', () => {
  it('counts members plus open invitations against the plan (trial Pro: 3), and names the plan that lifts it', async () => {
    const { ownerCtx } = await createWorkspaceWithOwner();
    const invite = (email: string) => inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email, role: 'member' }, meta));
    await invite('one@example.test');
    await invite('two@example.test');
    // Re-inviting an address already invited refreshes it: not another seat.
    await invite('two@example.test');
    const refused = await invite('three@example.test').catch((e: unknown) => e);
    expect(await outcome(Promise.reject(refused))).toBe('payment_required');
    expect((refused as Error).message).toContain('Upgrade to Team');
    expect((refused as { details?: unknown }).details).toMatchObject({ limit: 'members', allowed: 3, current: 3, plan: 'pro', upgradeTo: 'team' });
  });
});
