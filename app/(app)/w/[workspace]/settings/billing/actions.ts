'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { openBillingPortal, setCancelAtPeriodEnd, startCheckout } from '@/lib/billing/checkout';

// Each action's work calls out to Stripe (or writes the test subscription as system work), so
// it runs after the wrapper's transaction, and ends in a redirect to where the person goes next.

const plan = z.object({
  planId: z.enum(['pro', 'team'], 'Choose a plan.'),
  interval: z.enum(['month', 'year'], 'Choose monthly or yearly.'),
});
const nothing = z.object({});

export const startCheckoutAction = workspaceAction(
  { input: plan, permission: 'billing.manage', verifiedEmail: 'pay', component: 'billing-checkout' },
  async ({ input, access, afterCommit }) => {
    afterCommit(async () => {
      const request = { tenantId: access.ctx.tenantId, workspaceSlug: access.workspace.slug, workspaceName: access.workspace.name, email: access.user.email, ...input };
      redirect(await startCheckout(request));
    });
    return null;
  },
);

export const openPortalAction = workspaceAction(
  { input: nothing, permission: 'billing.manage', verifiedEmail: 'pay', component: 'billing-portal' },
  async ({ access, afterCommit }) => {
    afterCommit(async () => redirect(await openBillingPortal({ tenantId: access.ctx.tenantId, workspaceSlug: access.workspace.slug })));
    return null;
  },
);

export const cancelAtPeriodEndAction = workspaceAction(
  { input: nothing, permission: 'billing.manage', component: 'billing-cancel' },
  async ({ access, afterCommit }) => {
    afterCommit(async () => redirect(await setCancelAtPeriodEnd({ tenantId: access.ctx.tenantId, workspaceSlug: access.workspace.slug, cancel: true })));
    return null;
  },
);

export const resumeAction = workspaceAction(
  { input: nothing, permission: 'billing.manage', verifiedEmail: 'pay', component: 'billing-resume' },
  async ({ access, afterCommit }) => {
    afterCommit(async () => redirect(await setCancelAtPeriodEnd({ tenantId: access.ctx.tenantId, workspaceSlug: access.workspace.slug, cancel: false })));
    return null;
  },
);
