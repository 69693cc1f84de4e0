'use client';

import { useActionState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormAlert } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';

export function RevokeApiKeyForm({ workspace, keyId, name, action }: { workspace: string; keyId: string; name: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog
      trigger="Revoke"
      triggerVariant="ghost"
      triggerSize="sm"
      title={`Revoke “${name}”?`}
      description="Anything using this key is refused from the next request on. This can't be undone: create a new key if you need one again."
    >
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="keyId" value={keyId} />
        <FormAlert state={state} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose />
          <SubmitButton variant="danger" pendingText="Revoking…">
            Revoke key
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
