import { Badge } from '@/components/ui/badge';
import type { ChainVerification } from '@/lib/audit/verify';

const REASONS: Record<Extract<ChainVerification, { ok: false }>['reason'], string> = {
  hash_mismatch: 'an entry was changed after it was written',
  prev_hash_mismatch: 'an entry no longer links to the one before it',
  seq_gap: 'an entry is missing',
};

/** The result of re-hashing the whole trail: proof nobody edited or removed history. */
export function ChainIntegrityBadge({ result }: { result: ChainVerification }) {
  if (result.ok) {
    return (
      <Badge tone="success" dot data-testid="audit-integrity" title="Every entry's hash was recomputed and matches.">
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
