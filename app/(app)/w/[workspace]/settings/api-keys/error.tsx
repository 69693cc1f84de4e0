'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function ApiKeysError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="The API keys couldn’t load"
      text={`Your keys are unaffected and keep working. Try again; if it keeps happening, send us the reference ${error.digest ?? 'shown in your logs'}.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
