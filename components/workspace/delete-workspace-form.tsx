'use client';

import { useActionState, useState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert } from './form-alert';

/** Deleting asks for the workspace's name, typed: a click alone is too easy to regret. */
export function DeleteWorkspaceForm({ workspace, name, action }: { workspace: string; name: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const [typed, setTyped] = useState('');
  return (
    <Dialog
      trigger="Delete workspace"
      triggerVariant="danger"
      title={`Delete ${name}?`}
      description="Every bot, journal entry, transaction, price rule, member and invitation in it is deleted for good. This can't be undone."
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
          <SubmitButton variant="danger" pendingText="Deleting…" disabled={typed.trim() !== name}>
            Delete this workspace
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
