import { describe, expect, it } from 'vitest';
import { comparison, planSignUpHref, plans } from '@/components/marketing/plans';
import { PLANS } from '@/lib/billing/plans';

// The marketing plans promise only what the app does: a few features belong to later issues.
describe('marketing plans', () => {
  it("each paid plan's button starts that plan's trial at sign-up; Free's starts the default one", () => {
    for (const plan of plans.filter((p) => p.priceMinor > 0n)) expect(plan.cta.href, plan.name).toBe(`/sign-up?plan=${plan.id}`);
    expect(plans.find((p) => p.id === 'free')!.cta.href).toBe('/sign-up');
  });

  it('features of later issues are marked planned wherever they are named', () => {
    const later = /API access/i;
    const texts = [
      ...plans.flatMap((plan) => plan.highlights),
      ...comparison.flatMap((group) => group.rows.flatMap((row) => [row.feature, ...Object.values(row.values).filter((v) => typeof v === 'string')])),
    ];
    const claims = texts.filter((text) => later.test(text));
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) expect(claim).toMatch(/\(planned\)/);
  });

  it('audit-trail export and required 2FA, which the app does, are promised without "planned"', () => {
    const workspace = comparison.find((g) => g.title === 'Workspace')!;
    expect(workspace.rows.map((r) => r.feature)).toContain('Require 2FA for members');
    expect(plans.find((p) => p.id === 'team')!.highlights).toContain('Audit-log export and required 2FA');
  });

  it('yearly prices are the catalog\'s, and a paid card carries the yearly choice to sign-up', () => {
    for (const plan of plans) expect(plan.yearPriceMinor, plan.name).toBe(PLANS[plan.id].price!.yearMinor);
    const team = plans.find((p) => p.id === 'team')!;
    expect(planSignUpHref(team, 'year')).toBe('/sign-up?plan=team&interval=year');
    expect(planSignUpHref(team, 'month')).toBe('/sign-up?plan=team');
    expect(planSignUpHref(plans.find((p) => p.id === 'free')!, 'year')).toBe('/sign-up');
  });

  it('the product rows of the comparison say the products are coming soon', () => {
    for (const title of ['Bots', 'Journal', 'Money', 'Pricing']) {
      expect(comparison.find((group) => group.title.startsWith(title))?.title).toMatch(/coming soon/i);
    }
  });

  it('prices and limits are the billing catalog\'s', () => {
    for (const plan of plans) expect(plan.priceMinor, plan.name).toBe(PLANS[plan.id].price!.monthMinor);
    const members = comparison[0]!.rows.find((row) => row.feature === 'Members')!;
    expect(members.values).toEqual({ free: String(PLANS.free.limits.members), pro: String(PLANS.pro.limits.members), team: String(PLANS.team.limits.members) });
    const products = comparison.find((g) => g.title.startsWith('Pricing'))!.rows.find((row) => row.feature === 'Tracked products')!;
    expect(products.values.team).toBe(PLANS.team.limits['pricing.tracked_products']!.toLocaleString('en-US'));
  });
});
