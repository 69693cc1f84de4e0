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
  'bot.deal.opened': {
    description: 'A bot opened a deal (its base order or first entry filled).',
    schema: z.object({ bot_id: z.uuid(), deal_id: z.uuid(), symbol: z.string(), side: z.enum(['long', 'short']), price: z.string(), qty: z.string() }),
  },
  'bot.deal.closed': {
    description: 'A bot closed a deal: take profit, stop loss, a stop or liquidation.',
    schema: z.object({
      bot_id: z.uuid(),
      deal_id: z.uuid(),
      symbol: z.string(),
      side: z.enum(['long', 'short']),
      realised_pnl: z.string(),
      fees: z.string(),
      reason: z.string(),
    }),
  },
  'bot.safety_order.filled': {
    description: 'A safety order (or an add on a dip) of a bot filled.',
    schema: z.object({ bot_id: z.uuid(), deal_id: z.uuid(), symbol: z.string(), price: z.string(), qty: z.string(), safety_orders_filled: z.number() }),
  },
  'bot.error': {
    description: 'A bot stopped after three failed runs in a row.',
    schema: z.object({ bot_id: z.uuid(), name: z.string(), reason: z.string() }),
  },
  'bot.margin.warning': {
    description: "A bot's position came close to liquidation (margin level under 1.5).",
    schema: z.object({ bot_id: z.uuid(), symbol: z.string(), margin_level: z.number() }),
  },
  'backtest.completed': {
    description: 'A backtest finished; its results are ready.',
    schema: z.object({ backtest_id: z.uuid(), status: z.enum(['succeeded', 'failed']), net_profit: z.string().nullable() }),
  },
  'money.import.completed': {
    description: 'A bank file was committed into a Money account (its rows are now transactions).',
    schema: z.object({
      batch_id: z.uuid(),
      account_id: z.uuid(),
      file_name: z.string(),
      format: z.string(),
      status: z.enum(['completed', 'partial']),
      added: z.number(),
      duplicates: z.number(),
      skipped: z.number(),
      transfers_linked: z.number(),
    }),
  },
  'money.budget.threshold_reached': {
    description: 'A Money budget reached one of its thresholds (once per budget, period and threshold).',
    schema: z.object({
      budget_id: z.uuid(),
      name: z.string(),
      period_start: z.string(),
      threshold: z.number(),
      status: z.enum(['warning', 'exceeded']),
      spent: z.string(),
      limit: z.string(),
      currency: z.string(),
      percent: z.number(),
      message: z.string(),
    }),
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
