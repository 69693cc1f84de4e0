'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function AuditLogError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="The audit log couldn’t load"
      text={`Nothing was lost: entries are kept even when this page fails. Try again; if it keeps happening, send us the reference ${error.digest ?? 'shown in your logs'}.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
