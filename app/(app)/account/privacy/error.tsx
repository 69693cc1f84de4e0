'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function SecurityError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="Your security settings couldn’t load"
      text={`Nothing was changed. Try again; if it keeps happening, send us the reference ${error.digest ?? 'shown in your logs'}.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
