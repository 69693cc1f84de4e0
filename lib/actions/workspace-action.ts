import { isRedirectError } from 'next/dist/client/components/redirect-error';
import type { z } from 'zod';
import { transactionWroteEvents, withSystem, withTenant, type SystemReason, type Tx } from '@/db/tenant';
import { requireVerifiedEmail, type VerifiedOnlyAction } from '@/lib/auth/verified-gate';
import { refreshUsageCounters } from '@/lib/billing/usage-counters';
import { dispatchAfterResponse } from '@/lib/jobs/outbox';
import { can, type Permission } from '@/lib/tenancy/permissions';
import { requestMeta, type RequestMeta } from '@/lib/tenancy/request-meta';
import { readOnlyMessage } from '@/lib/tenancy/workspace-deletion';
import { requireWorkspace, type WorkspaceAccess } from '@/lib/tenancy/require-workspace';
import { echoValues, formInput, parseForm } from './form-data';
import { runBillingGates, type BillingGates } from './gates';
import { asResult } from './public-action';
import { enforceRateLimit, type ActionRateLimit } from './rate-limit';
import { actionFailure, failure, type ActionResult, type ActionState } from './result';

export type { ActionResult, ActionState } from './result';

export const FORBIDDEN_MESSAGE = 'Your role in this workspace does not allow that.';

export type WorkspaceActionOptions<S extends z.ZodType> = BillingGates<z.output<S>> & {
  input: S;
  /** The one place the permission is named: checked here, not again in lib. */
  permission: Permission;
  /** Counted by the acting user unless the policy says `by: 'workspace'` or `'ip'`. */
  rateLimit?: ActionRateLimit | ActionRateLimit[];
  /** Refuses until the actor's email address is confirmed (checked before the transaction). */
  verifiedEmail?: VerifiedOnlyAction;
  /**
   * The transaction is system work instead of tenant work, for the few things app_user may not
   * do (deleting the workspace). The handler then sees every tenant: filter by access.ctx.tenantId.
   */
  system?: SystemReason;
  /** Names the action in logs when something unexpected fails. */
  component?: string;
  /**
   * Runs while the workspace is scheduled for deletion and read-only: reading-like work (an
   * export), leaving, and cancelling the deletion itself. Every other action is refused then.
   */
  whileDeletionScheduled?: 'allowed';
};

export type WorkspaceActionArgs<I> = {
  input: I;
  /** The action's one transaction: pass it down to every lib function; open no other. */
  tx: Tx;
  access: WorkspaceAccess;
  meta: RequestMeta;
  /**
   * Work that must wait for the commit (sending email, calling out): runs after the transaction
   * committed, in order, before the result is returned. An AppError thrown there becomes the
   * form's message; the committed change stays.
   */
  afterCommit: (work: () => unknown) => void;
};

type Outcome<T> = { value: ActionResult<T> | T } | { redirect: unknown };

/**
 * The one wrapper for workspace server actions (DESIGN.md §3). In order: the workspace and role
 * (requireWorkspace: a non-member gets the same 404 as for a missing workspace; a member the
 * workspace requires two-factor of, without it, gets `two_factor_required`), the permission,
 * the parsed form (files and repeated keys kept), the rate limit, the verified-email gate; then
 * ONE transaction — tenant, or system when declared — holding the billing gates and the handler.
 * After commit it runs the handler's after-commit work and schedules outbox dispatch (only when
 * the transaction wrote events). A `redirect()` from the handler commits first and redirects
 * after; any other throw rolls everything back. Forms carry the slug in a hidden `workspace` field.
 */
export function workspaceAction<S extends z.ZodType, T>(
  options: WorkspaceActionOptions<S>,
  handler: (args: WorkspaceActionArgs<z.output<S>>) => Promise<ActionResult<T> | T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionResult<T>> => {
    const raw = formInput(formData);
    try {
      const slug = typeof raw.workspace === 'string' ? raw.workspace : '';
      if (!slug) return failure('bad_request', 'The form is missing its workspace.');
      const access = await requireWorkspace(slug);
      if (!can(access.ctx.role, options.permission)) return failure('forbidden', FORBIDDEN_MESSAGE);
      if (access.workspace.deletionScheduledFor && options.whileDeletionScheduled !== 'allowed') {
        return failure('workspace_read_only', readOnlyMessage(access.workspace.deletionScheduledFor, access.workspace.timezone));
      }
      const parsed = parseForm(options.input, raw);
      if (!parsed.ok) return parsed.result;
      const input = parsed.data;
      const meta = await requestMeta();
      const subject = { ip: meta.ip, userId: access.user.id, tenantId: access.ctx.tenantId };
      for (const limit of [options.rateLimit ?? []].flat()) await enforceRateLimit(limit, subject, 'user');
      if (options.verifiedEmail) await requireVerifiedEmail(access.user.id, options.verifiedEmail);

      const afterCommit: Array<() => unknown> = [];
      const work = async (tx: Tx): Promise<{ outcome: Outcome<T>; events: boolean }> => {
        const consumed = await runBillingGates(tx, access.ctx.tenantId, options, input);
        if (consumed.length) afterCommit.push(() => refreshUsageCounters(consumed));
        let outcome: Outcome<T>;
        try {
          outcome = { value: await handler({ input, tx, access, meta, afterCommit: (fn) => void afterCommit.push(fn) }) };
        } catch (error) {
          // redirect() means "done, go there": keep the work, redirect once committed.
          if (!isRedirectError(error)) throw error;
          outcome = { redirect: error };
        }
        return { outcome, events: transactionWroteEvents() };
      };
      const { outcome, events } = options.system ? await withSystem(options.system, work) : await withTenant(access.ctx, work);

      if (events) dispatchAfterResponse();
      for (const fn of afterCommit) await fn();
      if ('redirect' in outcome) throw outcome.redirect;
      return asResult(outcome.value);
    } catch (error) {
      return actionFailure(error, options.component ?? 'workspace-action', echoValues(options.input, raw));
    }
  };
}
