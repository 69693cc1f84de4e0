'use client';

import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { AlertTriangleIcon } from '@/components/ui/icons';
import { StatusScreen } from '@/components/ui/status-screen';

function digestOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string') return error.digest;
  return undefined;
}

export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);

  useEffect(() => {
    // Surfaces in the browser console for whoever is debugging; the server log has the full trace under the digest.
    console.error(error);
  }, [error]);

  return (
    <StatusScreen
      eyebrow="Something went wrong"
      icon={<AlertTriangleIcon />}
      title="This page couldn’t load"
      text="Nothing you entered was lost. It is usually temporary: try again, and if it keeps happening, contact support and quote the reference below."
      actions={
        <>
          <Button onClick={() => retry()}>Try again</Button>
          <Button href="/" variant="secondary">
            Go to the home page
          </Button>
        </>
      }
      footnote={digest ? <>Reference: <code className="font-mono">{digest}</code></> : undefined}
    />
  );
}
