'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckIcon } from '@/components/ui/icons';

/**
 * A secret just created or rotated (an API key, a webhook signing secret): shown once, with a
 * copy button, until the person is done.
 */
export function IssuedKeyPanel({
  token,
  name,
  onDone,
  doneLabel = 'Done',
  label = 'API key',
  notice = 'Tessera keeps only a fingerprint of it.',
}: {
  token: string;
  name: string;
  onDone: () => void;
  doneLabel?: string;
  label?: string;
  notice?: string;
}) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <div className="space-y-3" data-testid="issued-key">
      <div role="status" className="rounded-lg border border-warning-border bg-warning-soft px-3 py-2 text-sm [overflow-wrap:anywhere] text-foreground">
        <strong>Copy the {label === 'API key' ? 'key' : label.toLowerCase()} for “{name}” now.</strong> You won’t see it again: {notice}
      </div>
      <label className="block text-sm font-medium" htmlFor="issued-key-value">
        {label}
      </label>
      <input
        id="issued-key-value"
        readOnly
        value={token}
        onFocus={(event) => event.currentTarget.select()}
        className="w-full rounded-lg border border-border bg-surface-muted px-3 py-2 font-mono text-xs break-all sm:text-sm"
        data-testid="issued-key-value"
      />
      {copied === 'no' ? <p className="text-xs text-danger">Your browser didn’t allow copying: select it and copy it by hand.</p> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(token);
              setCopied('yes');
            } catch {
              setCopied('no');
            }
          }}
        >
          {copied === 'yes' ? <CheckIcon className="size-4" /> : null}
          {copied === 'yes' ? 'Copied' : label === 'API key' ? 'Copy key' : 'Copy secret'}
        </Button>
        <Button onClick={onDone}>{doneLabel}</Button>
      </div>
    </div>
  );
}
