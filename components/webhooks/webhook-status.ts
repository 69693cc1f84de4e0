import type { BadgeTone } from '@/components/ui/badge';
import type { DeliveryStatus } from '@/lib/webhooks/deliveries';
import type { WebhookEndpointItem } from '@/lib/webhooks/endpoints';

export function endpointStatus(endpoint: Pick<WebhookEndpointItem, 'enabled' | 'disabledReason' | 'failingSince'>): { label: string; tone: BadgeTone } {
  if (!endpoint.enabled) return endpoint.disabledReason === 'failing' ? { label: 'Turned off: failing', tone: 'danger' } : { label: 'Off', tone: 'neutral' };
  return endpoint.failingSince ? { label: 'Failing', tone: 'warning' } : { label: 'Active', tone: 'success' };
}

export const DELIVERY_STATUS: Record<DeliveryStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'info' },
  retrying: { label: 'Retrying', tone: 'warning' },
  succeeded: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};
