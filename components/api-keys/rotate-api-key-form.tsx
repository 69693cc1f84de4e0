'use client';

import { useActionState, useState } from 'react';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormAlert } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import { IssuedKeyPanel } from './issued-key-panel';

type Issued = { token: string; name: string; prefix: string };

/**
 * Rotate in a dialog: the new key is shown once inside it; closing it starts a fresh form. The
 * row keeps this mounted after the rotation (`available` false hides only the button), so the
 * list re-rendering with the old key's new status doesn't take the new key off the screen.
 */
export function RotateApiKeyForm({
  workspace,
  keyId,
  name,
  available,
  action,
}: {
  workspace: string;
  keyId: string;
  name: string;
  available: boolean;
  action: FormAction<Issued>;
}) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setRound((r) => r + 1);
      }}
      trigger={available ? 'Rotate' : undefined}
      triggerVariant="secondary"
      triggerSize="sm"
      title={`Rotate “${name}”?`}
      description="You get a new key with the same name, scopes and expiry. The old key keeps working for 24 hours so you can switch over, unless you stop it now."
      closeOnBackdrop={false}
    >
      <RotateRound key={round} workspace={workspace} keyId={keyId} action={action} onDone={() => setOpen(false)} />
    </Dialog>
  );
}

function RotateRound({ workspace, keyId, action, onDone }: { workspace: string; keyId: string; action: FormAction<Issued>; onDone: () => void }) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <IssuedKeyPanel token={state.data.token} name={state.data.name} onDone={onDone} />;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="keyId" value={keyId} />
      <FormAlert state={state} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="revokeOld" className="mt-0.5 size-4 accent-accent" />
        <span>Revoke the old key now (for a key that leaked: anything still using it stops at once)</span>
      </label>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose />
        <SubmitButton pendingText="Rotating…">Rotate key</SubmitButton>
      </div>
    </form>
  );
}
