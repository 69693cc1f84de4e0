import { z } from 'zod';

/**
 * THE catalog of webhook event types: what endpoints subscribe to, what emitWebhookEvent accepts,
 * what the settings form offers and what the README lists. A product adds its events here, each
 * with the zod schema of its `data` (checked before anything is written) and a one-line description.
 */
export const WEBHOOK_EVENTS = {
  'billing.subscription.updated': {
    description: "The workspace's subscription changed: plan, status, interval or renewal.",
    schema: z.object({
      plan: z.string(),
      status: z.string(),
      interval: z.string().nullable(),
      current_period_end: z.string().nullable(),
      cancel_at_period_end: z.boolean(),
    }),
  },
  'usage.quota.reached': {
    description: 'A metered quota was used up for the current period.',
    schema: z.object({ metric: z.string(), used: z.number(), limit: z.number(), period_start: z.string() }),
  },
  'member.joined': {
    description: 'Someone joined the workspace by accepting an invitation.',
    schema: z.object({ user_id: z.uuid(), email: z.email(), role: z.string() }),
  },
  'export.ready': {
    description: 'A requested data export is ready to download.',
    schema: z.object({ export_id: z.string(), download_url: z.url().optional(), expires_at: z.string().optional() }),
  },
  'webhook.test': {
    description: 'A test event sent from Settings → Webhooks or the API, to check an endpoint.',
    schema: z.object({ message: z.string(), endpoint_id: z.uuid() }),
  },
} as const satisfies Record<string, { description: string; schema: z.ZodType<Record<string, unknown>> }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export type WebhookEventData<T extends WebhookEventType> = z.input<(typeof WEBHOOK_EVENTS)[T]['schema']>;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];

/** What an endpoint may subscribe to: everything but the test event, which goes to whoever asks. */
export const SUBSCRIBABLE_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'webhook.test') as [
  WebhookEventType,
  ...WebhookEventType[],
];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENTS, value);
}
