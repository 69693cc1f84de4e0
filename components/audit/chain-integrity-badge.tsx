import { Badge } from '@/components/ui/badge';
import type { IntegrityReport } from '@/lib/audit/sealed-check';
import type { ChainVerification } from '@/lib/audit/verify';
import { formatInZone } from '@/lib/time';

const REASONS: Record<Extract<ChainVerification, { ok: false }>['reason'], string> = {
  hash_mismatch: 'an entry was changed after it was written',
  prev_hash_mismatch: 'an entry no longer links to the one before it',
  seq_gap: 'an entry is missing',
};

/** The result of re-hashing the trail: proof nobody edited or removed history. */
export function ChainIntegrityBadge({ result, timeZone }: { result: IntegrityReport; timeZone: string }) {
  if (result.ok) {
    const fullAt = formatInZone(result.fullyCheckedAt, timeZone, 'date-time');
    const checked =
      result.checkedNow === result.rows
        ? 'Every entry’s hash was recomputed just now and matches.'
        : `Every entry’s hash was recomputed at ${fullAt} and matched; the ${result.checkedNow} newer ${result.checkedNow === 1 ? 'entry was' : 'entries were'} checked just now.`;
    return (
      <Badge tone="success" dot data-testid="audit-integrity" title={checked}>
        Chain intact · {result.rows} {result.rows === 1 ? 'entry' : 'entries'}
      </Badge>
    );
  }
  return (
    <Badge tone="danger" dot role="alert" data-testid="audit-integrity" title={`Verification failed: ${REASONS[result.reason]}.`}>
      Tampering detected at entry #{result.brokenAtSeq}
    </Badge>
  );
}
