import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { decideRecurring, listRecurring } from '@/lib/money/recurring/store';
import { audits, failure, household, meta, seedRows } from './support';

// The recurring list over the workspace's own rows, joined with the household's decisions:
// confirm (fixing the amount "went up" compares against), dismiss, pause/resume/end, undo.

async function subscriptions() {
  const h = await household();
  await seedRows(h.ctx, [
    // Monthly, 15.49 each: next expected 30 days after the last (the reference's period), 2026-04-14.
    ...['2026-01-15', '2026-02-15', '2026-03-15'].map((on) => ({ accountId: h.checking.id, bookedOn: on, amountMinor: -1_549n, payee: 'NETFLIX.COM', merchant: 'Netflix' })),
    // Weekly gym, the last one dearer; next expected 2026-04-21.
    ...['2026-03-17', '2026-03-24', '2026-03-31', '2026-04-07'].map((on) => ({ accountId: h.checking.id, bookedOn: on, amountMinor: -1_000n, payee: 'GYM' })),
    { accountId: h.checking.id, bookedOn: '2026-04-14', amountMinor: -1_300n, payee: 'GYM' },
    // Monthly salary (money in).
    ...['2026-01-28', '2026-02-27', '2026-03-30'].map((on) => ({ accountId: h.checking.id, bookedOn: on, amountMinor: 300_000n, payee: 'ACME PAYROLL' })),
    // Monthly transfers never count.
    ...['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'].map((on) => ({ accountId: h.checking.id, bookedOn: on, amountMinor: -50_000n, payee: 'TO SAVINGS', isTransfer: true })),
    // Two coffees are not a pattern.
    ...['2026-04-01', '2026-04-08'].map((on) => ({ accountId: h.checking.id, bookedOn: on, amountMinor: -450n, payee: 'COFFEE' })),
  ]);
  return h;
}

describe('the recurring list', () => {
  it('detects the household’s patterns with next dates, amounts, direction and flags', async () => {
    const h = await subscriptions();
    const overview = await withTenant(h.ctx, (tx) => listRecurring(tx, { today: '2026-04-23' }));
    expect(overview.items.map((i) => i.key)).toEqual(['acme payroll', 'gym', 'netflix']);
    const netflix = overview.items.find((i) => i.key === 'netflix')!;
    expect(netflix).toMatchObject({
      merchant: 'Netflix',
      frequency: 'monthly',
      occurrences: 3,
      currency: 'USD',
      direction: 'out',
      averageMinor: 1_549n,
      nextAmountMinor: 1_549n,
      lastAmountMinor: 1_549n,
      firstOn: '2026-01-15',
      lastOn: '2026-03-15',
      nextExpectedOn: '2026-04-14',
      decision: null,
      status: 'active',
      // 9 days past 2026-04-14; 3 occurrences, but the last is more than a period ago.
      flags: { missed: true, amountWentUp: false, isNew: false },
    });
    const gym = overview.items.find((i) => i.key === 'gym')!;
    expect(gym).toMatchObject({ frequency: 'weekly', occurrences: 5, averageMinor: 1_060n, lastAmountMinor: 1_300n, nextExpectedOn: '2026-04-21', flags: { missed: false, amountWentUp: true, isNew: false } });
    expect(overview.items.find((i) => i.key === 'acme payroll')).toMatchObject({ direction: 'in', flags: { isNew: true } });
    expect(overview.upcoming.map((i) => i.key)).toEqual(['acme payroll']);
    expect(overview.missed.map((i) => i.key)).toEqual(['netflix']);
    expect(overview.dismissed).toEqual([]);
  });

  it('confirms (the amount is fixed), dismisses, pauses, resumes and ends, undoes; audits each', async () => {
    const h = await subscriptions();
    const today = '2026-04-23';
    const decide = (merchantKey: string, action: string) => withTenant(h.ctx, (tx) => decideRecurring(tx, h.ctx, { merchantKey, action }, meta, { today }));

    const confirmed = await decide('gym', 'confirm');
    expect(confirmed).toMatchObject({ decision: 'confirmed', status: 'active', confirmedAmountMinor: 1_060n, nextAmountMinor: 1_060n, flags: { amountWentUp: true } });
    const paused = await decide('gym', 'pause');
    expect(paused).toMatchObject({ decision: 'confirmed', status: 'paused', confirmedAmountMinor: 1_060n });
    const dismissed = await decide('netflix', 'dismiss');
    expect(dismissed).toMatchObject({ decision: 'dismissed' });
    let overview = await withTenant(h.ctx, (tx) => listRecurring(tx, { today }));
    expect(overview.items.map((i) => [i.key, i.status])).toEqual([['acme payroll', 'active'], ['gym', 'paused']]);
    expect(overview.dismissed.map((i) => i.key)).toEqual(['netflix']);
    // A dismissed or paused pattern is in neither the upcoming nor the missed list.
    expect(overview.missed).toEqual([]);

    expect(await decide('gym', 'resume')).toMatchObject({ status: 'active' });
    expect(await decide('gym', 'end')).toMatchObject({ status: 'ended' });
    expect(await decide('netflix', 'undo')).toMatchObject({ decision: null, status: 'active' });
    overview = await withTenant(h.ctx, (tx) => listRecurring(tx, { today }));
    expect(overview.missed.map((i) => i.key)).toEqual(['netflix']);
    expect((await audits(h.ctx, 'money.recurring_decided')).map((a) => [a.targetId, a.metadata])).toEqual([
      ['gym', { action: 'confirm' }],
      ['gym', { action: 'pause' }],
      ['netflix', { action: 'dismiss' }],
      ['gym', { action: 'resume' }],
      ['gym', { action: 'end' }],
      ['netflix', { action: 'undo' }],
    ]);
  });

  it('refuses to pause an unconfirmed pattern, to decide on an unknown merchant, and a bad action', async () => {
    const h = await subscriptions();
    const decide = (merchantKey: string, action: string) => withTenant(h.ctx, (tx) => decideRecurring(tx, h.ctx, { merchantKey, action }, meta, { today: '2026-04-23' }));
    expect((await failure(decide('netflix', 'pause'))).code).toBe('conflict');
    expect((await failure(decide('coffee', 'confirm'))).code).toBe('not_found');
    const bad = await failure(decide('netflix', 'snooze'));
    expect(bad.details?.fields).toHaveProperty('action');
    // Another workspace has no such pattern.
    const other = await household();
    expect((await failure(withTenant(other.ctx, (tx) => decideRecurring(tx, other.ctx, { merchantKey: 'netflix', action: 'confirm' }, meta, { today: '2026-04-23' })))).code).toBe('not_found');
  });
});
