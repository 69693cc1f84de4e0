'use client';

import { useActionState, useState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert } from './form-alert';

/**
 * Scheduling the deletion asks for the workspace's name, typed: a click alone is too easy to
 * regret. The purge runs after the grace period, during which any owner can cancel.
 */
export function DeleteWorkspaceForm({ workspace, name, graceDays, action }: { workspace: string; name: string; graceDays: number; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const [typed, setTyped] = useState('');
  return (
    <Dialog
      trigger="Delete workspace"
      triggerVariant="danger"
      title={`Delete ${name}?`}
      description={`The workspace turns read-only now and is deleted for good in ${graceDays} days: every bot, journal entry, transaction, price rule, file, member and invitation, and its subscription is cancelled. Until then any owner can cancel, and everyone can still read and export its data.`}
      closeOnBackdrop={false}
    >
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <FormAlert state={state} />
        <FormField
          id="delete-confirmation"
          label={
            <span>
              Type <strong className="font-semibold">{name}</strong> to confirm
            </span>
          }
          error={fieldError(state, 'confirmation')}
          required
        >
          <Input name="confirmation" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </FormField>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose />
          <SubmitButton variant="danger" pendingText="Scheduling…" disabled={typed.trim() !== name}>
            Schedule deletion
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

/** Stops a scheduled deletion; the workspace is writable again at once. */
export function CancelDeletionForm({ workspace, action }: { workspace: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} />
      <SubmitButton pendingText="Cancelling…">Cancel deletion</SubmitButton>
    </form>
  );
}
