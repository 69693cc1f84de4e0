import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints, workspaces } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { decryptSecret } from '@/lib/secrets';
import { resolveWebhookTarget, webhookNetworkPolicy, WebhookUrlRefused, type Resolver, type WebhookNetworkPolicy } from './network-policy';
import { sendWebhookRequest, type SendOutcome } from './send';
import { webhookHeaders } from './signing';
import { workspaceOwners } from '@/lib/tenancy/owners';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait after each failed attempt: eight attempts over about 32 hours, then the delivery fails. */
export const RETRY_SCHEDULE_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;
/** An endpoint whose every delivery has failed this long is turned off (and its owners told). */
export const DISABLE_AFTER_MS = 5 * 24 * HOUR;
// A claimed delivery is not due again for this long, so the sweep and a run never send it twice at once.
const CLAIM_MS = 2 * MINUTE;

export type AttemptResult =
  | { outcome: 'skipped' }
  | { outcome: 'succeeded' | 'retrying' | 'failed'; status: number | null; error: string | null; endpointDisabled: boolean };

export type AttemptOptions = { now?: Date; policy?: WebhookNetworkPolicy; resolver?: Resolver; timeoutMs?: number };

type Claimed = { id: string; tenantId: string; endpointId: string; attempts: number; payload: Record<string, unknown>; url: string; secretSealed: string; enabled: boolean };

async function claim(deliveryId: string, now: Date): Promise<Claimed | null> {
  return withSystem('webhook delivery: claim a due delivery', async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
      .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, ['pending', 'retrying']), lte(webhookDeliveries.nextAttemptAt, now)))
      .returning({ id: webhookDeliveries.id, tenantId: webhookDeliveries.tenantId, attempts: webhookDeliveries.attempts, payload: webhookDeliveries.payload, endpointId: webhookDeliveries.endpointId });
    if (!row) return null;
    const [endpoint] = await tx
      .select({ url: webhookEndpoints.url, secretSealed: webhookEndpoints.secretSealed, enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, row.tenantId), eq(webhookEndpoints.id, row.endpointId)));
    return endpoint ? { ...row, ...endpoint } : null;
  });
}

async function send(claimed: Claimed, now: Date, options: AttemptOptions): Promise<SendOutcome> {
  let target;
  try {
    target = await resolveWebhookTarget(claimed.url, options.policy ?? webhookNetworkPolicy(), options.resolver);
  } catch (error) {
    if (error instanceof WebhookUrlRefused) return { ok: false, status: null, body: null, durationMs: 0, error: error.message };
    throw error;
  }
  const secret = decryptSecret(claimed.secretSealed, { kind: 'workspace', id: claimed.tenantId });
  const body = JSON.stringify(claimed.payload);
  return sendWebhookRequest(target, { ...webhookHeaders(secret, claimed.id, now, body) }, body, options.timeoutMs);
}

function describeFailure(outcome: SendOutcome): string {
  return outcome.error ?? `HTTP ${outcome.status}`;
}

async function disableEndpoint(tx: Tx, tenantId: string, endpointId: string, failingSince: Date, lastError: string): Promise<void> {
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: 'failing', updatedAt: new Date(), version: sql`${webhookEndpoints.version} + 1` })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ url: webhookEndpoints.url });
  if (!endpoint) return;
  await recordWorkspaceAudit(tx, tenantId, {
    action: 'webhook.endpoint_disabled',
    actorUserId: null,
    targetType: 'webhook_endpoint',
    targetId: endpointId,
    metadata: { url: endpoint.url, failingSince: failingSince.toISOString(), lastError },
  });
  const [workspace] = await tx.select({ name: workspaces.name, slug: workspaces.slug, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, tenantId));
  const owners = await workspaceOwners(tx, tenantId);
  for (const owner of owners) {
    await queueTemplate(
      tx,
      'webhook-disabled',
      owner.email,
      {
        name: owner.name,
        workspaceName: workspace?.name ?? 'your workspace',
        endpointUrl: endpoint.url,
        failingSince,
        lastError,
        settingsUrl: appUrl(`/w/${workspace?.slug ?? ''}/settings`),
        timeZone: workspace?.timezone,
      },
      { tenantId },
    );
  }
}

async function record(claimed: Claimed, outcome: SendOutcome, now: Date): Promise<AttemptResult> {
  const attempts = claimed.attempts + 1;
  const result = await withSystem('webhook delivery: record an attempt', async (tx) => {
    const fields = {
      attempts,
      lastAttemptAt: now,
      responseStatus: outcome.status,
      responseBody: outcome.body,
      durationMs: outcome.durationMs,
      error: outcome.ok ? null : describeFailure(outcome),
    };
    const endpointWhere = and(eq(webhookEndpoints.tenantId, claimed.tenantId), eq(webhookEndpoints.id, claimed.endpointId));
    if (outcome.ok) {
      await tx.update(webhookDeliveries).set({ ...fields, status: 'succeeded', nextAttemptAt: null }).where(eq(webhookDeliveries.id, claimed.id));
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(endpointWhere);
      return { outcome: 'succeeded' as const, status: outcome.status, error: null, endpointDisabled: false };
    }
    const retry = attempts < MAX_ATTEMPTS;
    await tx
      .update(webhookDeliveries)
      .set({ ...fields, status: retry ? 'retrying' : 'failed', nextAttemptAt: retry ? new Date(now.getTime() + RETRY_SCHEDULE_MS[attempts - 1]!) : null })
      .where(eq(webhookDeliveries.id, claimed.id));
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(endpointWhere)
      .returning({ id: webhookEndpoints.id, failingSince: webhookEndpoints.failingSince });
    const failingFor = endpoint?.failingSince ? now.getTime() - endpoint.failingSince.getTime() : 0;
    const disable = endpoint !== undefined && failingFor >= DISABLE_AFTER_MS;
    if (disable) await disableEndpoint(tx, claimed.tenantId, endpoint.id, endpoint.failingSince!, describeFailure(outcome));
    return { outcome: retry ? ('retrying' as const) : ('failed' as const), status: outcome.status, error: describeFailure(outcome), endpointDisabled: disable };
  });
  if (result.endpointDisabled) startEmailDelivery();
  return result;
}

/**
 * One attempt at one delivery, if it is due: claim it, send it signed to the checked and pinned
 * address (outside any transaction: a slow receiver holds no connection), record the outcome and
 * schedule the next attempt or give up. An endpoint turned off meanwhile fails the delivery unsent.
 */
export async function attemptDelivery(deliveryId: string, options: AttemptOptions = {}): Promise<AttemptResult> {
  const now = options.now ?? new Date();
  const claimed = await claim(deliveryId, now);
  if (!claimed) return { outcome: 'skipped' };
  if (!claimed.enabled) {
    await withSystem('webhook delivery: record an attempt', (tx) =>
      tx.update(webhookDeliveries).set({ status: 'failed', nextAttemptAt: null, error: 'The endpoint is turned off.' }).where(eq(webhookDeliveries.id, claimed.id)),
    );
    return { outcome: 'failed', status: null, error: 'The endpoint is turned off.', endpointDisabled: false };
  }
  return record(claimed, await send(claimed, now, options), now);
}

/** Every due delivery (first attempts whose run was lost, and retries), oldest first, a batch at a time. */
export async function sweepDueDeliveries(options: AttemptOptions & { limit?: number } = {}): Promise<{ attempted: number; succeeded: number }> {
  const now = options.now ?? new Date();
  const due = await withSystem('webhook delivery: find due deliveries', (tx) =>
    tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.status, ['pending', 'retrying']), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(options.limit ?? 100),
  );
  let succeeded = 0;
  for (const { id } of due) {
    const result = await attemptDelivery(id, { ...options, now });
    if (result.outcome === 'succeeded') succeeded++;
  }
  return { attempted: due.length, succeeded };
}
