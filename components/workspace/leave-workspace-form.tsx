'use client';

import { useActionState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { FormAlert } from './form-alert';

export function LeaveWorkspaceForm({ workspace, name, action }: { workspace: string; name: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog
      trigger="Leave workspace"
      triggerVariant="secondary"
      title={`Leave ${name}?`}
      description="You lose access at once. To come back, someone has to invite you again."
    >
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <FormAlert state={state} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose />
          <SubmitButton variant="danger" pendingText="Leaving…">
            Leave
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
