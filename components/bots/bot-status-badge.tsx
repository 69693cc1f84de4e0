import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { BotStatus } from '@/lib/bots/bots';
import { STATUS_LABELS } from '@/lib/bots/present/format';

const TONES: Record<BotStatus, BadgeTone> = { inactive: 'neutral', active: 'success', paused: 'warning', error: 'danger' };

/** `everRan` tells a stopped bot from one never started (both are `inactive`). */
export function BotStatusBadge({ status, everRan }: { status: BotStatus; everRan: boolean }) {
  return (
    <Badge tone={TONES[status]} dot data-testid="bot-status">
      {status === 'inactive' && everRan ? 'Stopped' : STATUS_LABELS[status]}
    </Badge>
  );
}
