// The events a bot can notify about, apart from the settings module (which seals tokens with
// node:crypto) so the browser's wizard can list them.

export const BOT_NOTIFY_EVENTS = ['deal_opened', 'deal_closed', 'safety_order_filled', 'error', 'margin_warning'] as const;
export type BotNotifyEvent = (typeof BOT_NOTIFY_EVENTS)[number];

export const BOT_NOTIFY_EVENT_LABELS: Record<BotNotifyEvent, string> = {
  deal_opened: 'Deal opened',
  deal_closed: 'Deal closed',
  safety_order_filled: 'Safety order filled',
  error: 'Bot stopped by errors',
  margin_warning: 'Margin warning',
};

export const DEFAULT_NOTIFY_EVENTS: BotNotifyEvent[] = ['deal_closed', 'error', 'margin_warning'];
