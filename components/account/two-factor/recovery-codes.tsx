'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckIcon, DownloadIcon } from '@/components/ui/icons';

function download(codes: string[]) {
  const text = `Tessera recovery codes\nEach code works once. Keep them somewhere safe.\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'tessera-recovery-codes.txt';
  link.click();
  // Revoked after the click has been handled, or the download may not start.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Freshly issued recovery codes: shown once, with copy and download, until the person is done. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <div className="rounded-lg border border-warning-border bg-warning-soft px-3 py-2 text-sm text-foreground">
        <strong>Save these recovery codes now.</strong> Each one signs you in once if you lose your phone. You won’t see them again.
      </div>
      <ul className="grid grid-cols-2 gap-2 rounded-lg border border-border bg-surface-muted p-4 font-mono text-sm sm:grid-cols-2" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} className="tabular">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(codes.join('\n'));
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? <CheckIcon className="size-4" /> : null}
          {copied ? 'Copied' : 'Copy codes'}
        </Button>
        <Button variant="secondary" onClick={() => download(codes)}>
          <DownloadIcon className="size-4" />
          Download .txt
        </Button>
        <Button onClick={onDone}>I’ve saved my codes</Button>
      </div>
    </div>
  );
}
