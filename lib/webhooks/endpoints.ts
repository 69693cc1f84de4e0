import { count, desc, eq, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { cheapestPlanWith } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { decryptSecret, encryptSecret } from '@/lib/secrets';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { isWebhookEventType, type WebhookEventType } from './events';
import { generateWebhookSecret, secretHint } from './signing';

// Endpoint commands take the entry point's tenant transaction; the permission (webhooks.manage)
// is named once, by the action wrapper or the API scope. The plan and the cap are checked here so
// the settings page and the public API agree on them.

export const MAX_ENDPOINTS = 20;

export type WebhookEndpointItem = {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  disabledReason: 'manual' | 'failing' | null;
  failingSince: Date | null;
  secretHint: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** An endpoint just made or re-keyed: the only moment its secret leaves the server. */
export type IssuedWebhookSecret = { endpoint: WebhookEndpointItem; secret: string };

export type EndpointFields = { url: string; description: string; eventTypes: readonly WebhookEventType[] };
export type EndpointChanges = Partial<EndpointFields> & { enabled?: boolean };

type Row = typeof webhookEndpoints.$inferSelect;

function toItem(row: Row): WebhookEndpointItem {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes.filter(isWebhookEventType),
    enabled: row.enabled,
    disabledReason: row.disabledReason === 'manual' || row.disabledReason === 'failing' ? row.disabledReason : null,
    failingSince: row.failingSince,
    secretHint: secretHint(decryptSecret(row.secretSealed, { kind: 'workspace', id: row.tenantId })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function webhooksPlanMessage(): string {
  return `Webhooks come with the public API, on the ${cheapestPlanWith('api.read')?.name ?? 'a higher'} plan and above. Upgrade in Settings → Billing to add an endpoint.`;
}

/** New endpoints need the plan's public API; ones made before a downgrade keep receiving. */
export async function assertPlanAllowsWebhooks(tx: Tx, tenantId: string): Promise<void> {
  const entitlements = await loadEntitlements(tx, tenantId);
  if (!hasFeature(entitlements, 'api.read')) {
    throw new AppError('payment_required', webhooksPlanMessage(), { feature: 'api.read', plan: entitlements.planId, upgradeTo: cheapestPlanWith('api.read')?.id });
  }
}

function auditOf(ctx: TenantContext, meta: RequestMeta, endpointId: string) {
  return { actorUserId: ctx.userId, targetType: 'webhook_endpoint', targetId: endpointId, ip: meta.ip, userAgent: meta.userAgent };
}

/** The workspace's endpoints, newest first. Never the secret, only its first characters. */
export async function listWebhookEndpoints(tx: Tx): Promise<WebhookEndpointItem[]> {
  const rows = await tx.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map(toItem);
}

export async function getWebhookEndpoint(tx: Tx, endpointId: string, options: { lock?: boolean } = {}): Promise<WebhookEndpointItem> {
  const query = tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'That webhook endpoint does not exist.');
  return toItem(row);
}

export async function createWebhookEndpoint(tx: Tx, ctx: TenantContext, fields: EndpointFields, meta: RequestMeta, now = new Date()): Promise<IssuedWebhookSecret> {
  await assertPlanAllowsWebhooks(tx, ctx.tenantId);
  // Serialises creation per workspace until commit, so two creates can't both pass the cap.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`webhook_endpoints:${ctx.tenantId}`}))`);
  const [existing] = await tx.select({ n: count() }).from(webhookEndpoints);
  if ((existing?.n ?? 0) >= MAX_ENDPOINTS) {
    throw new AppError('conflict', `A workspace can have ${MAX_ENDPOINTS} webhook endpoints. Delete one you no longer use to add another.`, { limit: MAX_ENDPOINTS });
  }
  const secret = generateWebhookSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({
      tenantId: ctx.tenantId,
      url: fields.url,
      description: fields.description,
      eventTypes: [...fields.eventTypes],
      secretSealed: encryptSecret(secret, { kind: 'workspace', id: ctx.tenantId }),
      createdBy: ctx.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, row!.id),
    action: 'webhook.endpoint_created',
    metadata: { url: fields.url, eventTypes: fields.eventTypes },
  });
  return { endpoint: toItem(row!), secret };
}

/**
 * Changes what was sent, bumping the version (the API's ETag). Turning an endpoint back on clears
 * its failing state, so the five-day clock starts again; turning it off says it was by hand.
 */
export async function updateWebhookEndpoint(
  tx: Tx,
  ctx: TenantContext,
  endpointId: string,
  changes: EndpointChanges,
  meta: RequestMeta,
  options: { expectedVersion?: (current: WebhookEndpointItem) => void; now?: Date } = {},
): Promise<WebhookEndpointItem> {
  const current = await getWebhookEndpoint(tx, endpointId, { lock: true });
  options.expectedVersion?.(current);
  const now = options.now ?? new Date();
  const enabling = changes.enabled === true && !current.enabled;
  const disabling = changes.enabled === false && current.enabled;
  const [row] = await tx
    .update(webhookEndpoints)
    .set({
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.eventTypes !== undefined ? { eventTypes: [...changes.eventTypes] } : {}),
      ...(enabling ? { enabled: true, disabledReason: null, failingSince: null } : {}),
      ...(disabling ? { enabled: false, disabledReason: 'manual' } : {}),
      version: sql`${webhookEndpoints.version} + 1`,
      updatedAt: now,
    })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  const changed = Object.fromEntries(
    Object.entries({ url: changes.url, description: changes.description, eventTypes: changes.eventTypes, enabled: changes.enabled }).filter(([, v]) => v !== undefined),
  );
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, endpointId),
    action: enabling ? 'webhook.endpoint_enabled' : disabling ? 'webhook.endpoint_disabled_manually' : 'webhook.endpoint_updated',
    metadata: { url: row!.url, changed },
  });
  return toItem(row!);
}

/** A new secret, effective for the next delivery; the old one stops at once (receivers verify with one). */
export async function rotateWebhookSecret(tx: Tx, ctx: TenantContext, endpointId: string, meta: RequestMeta, now = new Date()): Promise<IssuedWebhookSecret> {
  await getWebhookEndpoint(tx, endpointId, { lock: true });
  const secret = generateWebhookSecret();
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ secretSealed: encryptSecret(secret, { kind: 'workspace', id: ctx.tenantId }), version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  await recordWorkspaceAudit(tx, ctx.tenantId, { ...auditOf(ctx, meta, endpointId), action: 'webhook.secret_rotated', metadata: { url: row!.url } });
  return { endpoint: toItem(row!), secret };
}

/** Deletes the endpoint and its delivery log (cascade); pending deliveries die with it. */
export async function deleteWebhookEndpoint(tx: Tx, ctx: TenantContext, endpointId: string, meta: RequestMeta): Promise<void> {
  const endpoint = await getWebhookEndpoint(tx, endpointId, { lock: true });
  await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  await recordWorkspaceAudit(tx, ctx.tenantId, { ...auditOf(ctx, meta, endpointId), action: 'webhook.endpoint_deleted', metadata: { url: endpoint.url } });
}

/** How many deliveries each endpoint has had fail for good, and waiting, for the list. */
export async function deliveryCounts(tx: Tx): Promise<Map<string, { failed: number; waiting: number }>> {
  const rows = await tx
    .select({
      endpointId: webhookDeliveries.endpointId,
      failed: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'failed')::int`,
      waiting: sql<number>`count(*) filter (where ${webhookDeliveries.status} in ('pending', 'retrying'))::int`,
    })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId);
  return new Map(rows.map((row) => [row.endpointId, { failed: row.failed, waiting: row.waiting }]));
}
