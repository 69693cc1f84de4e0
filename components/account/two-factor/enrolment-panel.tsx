'use client';

import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';
import { CodeInput } from './code-input';
import { FormMessage } from './form-message';
import { RecoveryCodes } from './recovery-codes';

type Action<T> = (state: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

export type EnrolmentPanelProps = {
  qrDataUrl: string;
  /** The secret in groups of four, for typing into an app by hand. */
  groupedSecret: string;
  confirmAction: Action<{ recoveryCodes: string[] }>;
  cancelAction: Action<{ done: true }>;
};

/** Step two of set-up: scan or type the secret, then prove it with a code. */
export function EnrolmentPanel({ qrDataUrl, groupedSecret, confirmAction, cancelAction }: EnrolmentPanelProps) {
  const router = useRouter();
  const [state, formAction] = useActionState(confirmAction, null);
  const [, cancel] = useActionState(cancelAction, null);

  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} onDone={() => router.refresh()} />;

  const fieldError = state && !state.ok ? state.fieldErrors?.code : undefined;
  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-muted">
        <li>Open an authenticator app (1Password, Google Authenticator, Authy…).</li>
        <li>Scan the QR code, or enter the key by hand.</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-col items-start gap-4 sm:flex-row sm:items-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL needs no image optimisation */}
        <img src={qrDataUrl} alt="QR code for your authenticator app" width={176} height={176} className="rounded-lg border border-border bg-white p-1" />
        <div className="min-w-0 space-y-1">
          <p className="text-sm font-medium">Can’t scan? Enter this key</p>
          <code data-testid="totp-secret" className="block rounded-md bg-surface-muted px-2 py-1 font-mono text-sm break-all select-all">
            {groupedSecret}
          </code>
          <p className="text-xs text-muted">Time-based, 6 digits, every 30 seconds.</p>
        </div>
      </div>
      <form action={formAction} className="space-y-4" noValidate>
        {state && !state.ok && !fieldError ? <FormMessage tone="error">{state.error.message}</FormMessage> : null}
        <FormField id="enrol-code" label="Code from your app" error={fieldError} required className="max-w-xs">
          <CodeInput />
        </FormField>
        <div className="flex flex-col gap-2 sm:flex-row">
          <SubmitButton pendingText="Checking…">Turn on two-factor</SubmitButton>
          <SubmitButton variant="ghost" formAction={cancel} formNoValidate>
            Cancel set-up
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
