'use client';

import { useActionState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { FormAlert } from './form-alert';

export function TransferOwnershipForm({
  workspace,
  candidates,
  action,
}: {
  workspace: string;
  candidates: ReadonlyArray<{ userId: string; label: string }>;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog
      trigger="Transfer ownership"
      triggerVariant="secondary"
      title="Transfer ownership"
      description="The member you choose becomes an owner and you become an admin. Only an owner can make you an owner again."
    >
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <FormAlert state={state} />
        <FormField id="transfer-to" label="New owner" required>
          {(control) => (
            <Select {...control} name="userId" defaultValue={candidates[0]?.userId}>
              {candidates.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose />
          <SubmitButton pendingText="Transferring…">Transfer ownership</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
