import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlanBanner } from '@/components/billing/plan-banner';
import type { PlanAlert } from '@/lib/billing/plan-alerts';

const overMembers: PlanAlert = { kind: 'over_limit', limit: 'members', label: 'members (including open invitations)', count: 3, allowed: 1, planName: 'Free', upgradeTo: 'Pro' };
const nearQuota: PlanAlert = { kind: 'quota', metric: 'money.imported_rows', label: 'imported rows', used: 410, quota: 500, percent: 82, level: 'warning', planName: 'Free' };

const render = (alert: PlanAlert, canManageBilling: boolean) =>
  renderToStaticMarkup(createElement(PlanBanner, { alert, billingHref: '/w/acme/settings/billing', usageHref: '/w/acme/settings/usage', canManageBilling }));

describe('PlanBanner', () => {
  it('says why the workspace is over its limit, that nothing is lost, and offers the plan that lifts it', () => {
    const html = render(overMembers, true);
    expect(html).toContain('This workspace has 3 members (including open invitations); the Free plan allows 1.');
    expect(html).toContain('Everyone keeps their access');
    expect(html).toContain('href="/w/acme/settings/billing"');
    expect(html).toContain('Upgrade to Pro');
    expect(html).toContain('bg-danger-soft');
  });

  it('warns in the warning colour below 90%, and sends someone who can’t manage billing to the usage page only', () => {
    const html = render(nearQuota, false);
    expect(html).toContain('used 82% of its imported rows this month (410 of 500 on Free)');
    expect(html).toContain('bg-warning-soft');
    expect(html).not.toContain('settings/billing');
    expect(html).toContain('href="/w/acme/settings/usage"');
  });
});
