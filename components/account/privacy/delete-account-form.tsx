'use client';

import { useActionState } from 'react';
import { FormAlert, fieldError } from '@/components/workspace/form-alert';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

export type LastOwned = { id: string; name: string; others: Array<{ userId: string; label: string; role: string }>; scheduled: boolean };

/**
 * The person says what happens to each workspace only they own, then proves it is them: the
 * password (and a 2FA code when on), or, without a password, a fresh link to their inbox.
 */
export function DeleteAccountForm({
  lastOwned,
  shared,
  hasPassword,
  twoFactor,
  graceDays,
  scheduleAction,
  emailLinkAction,
}: {
  lastOwned: LastOwned[];
  shared: string[];
  hasPassword: boolean;
  twoFactor: boolean;
  graceDays: number;
  scheduleAction: FormAction<unknown>;
  emailLinkAction: FormAction<{ sent: boolean }>;
}) {
  const [state, formAction] = useActionState(hasPassword ? scheduleAction : (emailLinkAction as FormAction<unknown>), null);
  const decisionError = fieldError(state, 'decisions');
  const sent = !hasPassword && state?.ok;
  return (
    <form action={formAction} className="space-y-5" noValidate data-testid="delete-account-form">
      <FormAlert state={state} />
      {sent ? (
        <p role="status" className="rounded-lg border border-success-border bg-success-soft px-3 py-2 text-sm text-success">
          We emailed you a confirmation link. Open it while signed in, within 30 minutes, to schedule the deletion.
        </p>
      ) : null}
      <div className="space-y-3">
        <h3 className="text-sm font-semibold">What happens to your workspaces</h3>
        {lastOwned.length === 0 && shared.length === 0 ? <p className="text-sm text-muted">You belong to no workspace.</p> : null}
        <ul className="space-y-3">
          {lastOwned.map((workspace) => (
            <li key={workspace.id} className="rounded-lg border border-border p-3">
              <p className="text-sm font-medium">{workspace.name}</p>
              {workspace.scheduled ? (
                <p className="text-sm text-muted">Already scheduled for deletion.</p>
              ) : workspace.others.length === 0 ? (
                <p className="text-sm text-muted">You are its only member: it is deleted with your account (it turns read-only now, for {graceDays} days).</p>
              ) : (
                <FormField id={`decision-${workspace.id}`} label="You are its last owner. Hand it to" hint="They become an owner now. Or delete the workspace for everyone.">
                  <Select name="decisions" defaultValue={`${workspace.id}:transfer:${workspace.others[0]!.userId}`} invalid={Boolean(decisionError)}>
                    {workspace.others.map((other) => (
                      <option key={other.userId} value={`${workspace.id}:transfer:${other.userId}`}>
                        {other.label} ({other.role})
                      </option>
                    ))}
                    <option value={`${workspace.id}:delete`}>Nobody: delete {workspace.name}</option>
                  </Select>
                </FormField>
              )}
            </li>
          ))}
          {shared.map((name) => (
            <li key={name} className="rounded-lg border border-border p-3 text-sm">
              <span className="font-medium">{name}</span> <span className="text-muted">— you leave it; it has another owner.</span>
            </li>
          ))}
        </ul>
        {decisionError ? (
          <p role="alert" className="text-sm text-danger">
            {decisionError}
          </p>
        ) : null}
      </div>
      {hasPassword ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="delete-password" label="Your password" error={fieldError(state, 'password')} required>
            <Input name="password" type="password" autoComplete="current-password" />
          </FormField>
          {twoFactor ? (
            <FormField id="delete-code" label="Authenticator or recovery code" error={fieldError(state, 'code')} required>
              <Input name="code" inputMode="numeric" autoComplete="one-time-code" />
            </FormField>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted">Your account has no password, so we confirm by email: you get a link that works once, for 30 minutes.</p>
      )}
      <SubmitButton variant="danger" pendingText={hasPassword ? 'Scheduling…' : 'Sending…'}>
        {hasPassword ? 'Schedule account deletion' : 'Email me a confirmation link'}
      </SubmitButton>
    </form>
  );
}

/** Stops the scheduled deletion; handed-over workspaces stay handed over. */
export function CancelAccountDeletionForm({ action }: { action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormAlert state={state} />
      <SubmitButton pendingText="Cancelling…">Cancel account deletion</SubmitButton>
    </form>
  );
}

/** The confirm link's page: the token rides along hidden; 2FA asks for its code. */
export function ConfirmDeletionLinkForm({ token, twoFactor, action }: { token: string; twoFactor: boolean; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert state={state} />
      {twoFactor ? (
        <FormField id="confirm-code" label="Authenticator or recovery code" error={fieldError(state, 'code')} required>
          <Input name="code" inputMode="numeric" autoComplete="one-time-code" />
        </FormField>
      ) : null}
      <SubmitButton variant="danger" pendingText="Scheduling…">
        Schedule account deletion
      </SubmitButton>
    </form>
  );
}
