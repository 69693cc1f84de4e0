'use client';

import { useActionState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { FormAlert } from './form-alert';

export function RemoveMemberForm({
  workspace,
  userId,
  memberName,
  action,
}: {
  workspace: string;
  userId: string;
  memberName: string;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog
      trigger="Remove"
      triggerVariant="ghost"
      triggerSize="sm"
      title={`Remove ${memberName}?`}
      description="They lose access to this workspace at once. Their past activity stays in the audit log."
    >
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="userId" value={userId} />
        <FormAlert state={state} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose />
          <SubmitButton variant="danger" pendingText="Removing…">
            Remove member
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
