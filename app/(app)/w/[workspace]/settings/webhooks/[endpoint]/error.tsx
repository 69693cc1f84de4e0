'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function WebhooksError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="The webhooks couldn’t load"
      text={`Your endpoints are unaffected and keep receiving events. Try again; if it keeps happening, send us the reference ${error.digest ?? 'shown in your logs'}.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
