'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function WorkspaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="This page couldn’t load"
      text={`Something went wrong on our side. Try again; if it keeps happening, send us the reference ${error.digest ?? 'shown in your logs'}.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
