'use client';

import { useActionState, useState } from 'react';
import { IssuedKeyPanel } from '@/components/api-keys/issued-key-panel';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormAlert } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import { SECRET_NOTICE } from './webhook-endpoint-form';

type Issued = { secret: string; endpointId: string; url: string };

function InlineError({ state }: { state: { ok: boolean; error?: { message: string } } | null }) {
  return state && !state.ok && state.error ? (
    <p role="alert" className="text-xs text-danger">
      {state.error.message}
    </p>
  ) : null;
}

/** Queues a `webhook.test` event for this endpoint and refreshes the log until it has landed. */
export function SendTestEventForm({ workspace, endpointId, action }: { workspace: string; endpointId: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const [round, setRound] = useState(0);
  return (
    <form action={(data) => (setRound((r) => r + 1), formAction(data))} className="flex flex-col items-start gap-1">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton variant="secondary" size="sm" pendingText="Sending…">
        Send test event
      </SubmitButton>
      {state?.ok ? (
        <>
          <p role="status" className="text-xs text-muted">
            Test event queued; its delivery appears below.
          </p>
          <RefreshWhileActive key={round} active maxMs={15_000} />
        </>
      ) : null}
      <InlineError state={state} />
    </form>
  );
}

/** Turns the endpoint off (nothing is sent to it) or back on (and clears a failing state). */
export function ToggleWebhookForm({ workspace, endpointId, enabled, action }: { workspace: string; endpointId: string; enabled: boolean; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <SubmitButton variant="secondary" size="sm" pendingText={enabled ? 'Turning off…' : 'Turning on…'}>
        {enabled ? 'Turn off' : 'Turn on'}
      </SubmitButton>
      <InlineError state={state} />
    </form>
  );
}

/** A new signing secret, shown once inside the dialog; the old one stops at once. */
export function RotateWebhookSecretForm({ workspace, endpointId, action }: { workspace: string; endpointId: string; action: FormAction<Issued> }) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setRound((r) => r + 1);
      }}
      trigger="Rotate secret"
      triggerVariant="secondary"
      triggerSize="sm"
      title="Rotate the signing secret?"
      description="Deliveries from now on are signed with a new secret. Your receiver must switch to it: signatures made with the old one stop at once."
      closeOnBackdrop={false}
    >
      <RotateRound key={round} workspace={workspace} endpointId={endpointId} action={action} onDone={() => setOpen(false)} />
    </Dialog>
  );
}

function RotateRound({ workspace, endpointId, action, onDone }: { workspace: string; endpointId: string; action: FormAction<Issued>; onDone: () => void }) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <IssuedKeyPanel token={state.data.secret} name={state.data.url} label="Signing secret" notice={SECRET_NOTICE} onDone={onDone} />;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <FormAlert state={state} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose />
        <SubmitButton pendingText="Rotating…">Rotate secret</SubmitButton>
      </div>
    </form>
  );
}

export function DeleteWebhookForm({ workspace, endpointId, url, action }: { workspace: string; endpointId: string; url: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog
      trigger="Delete"
      triggerVariant="ghost"
      triggerSize="sm"
      title="Delete this endpoint?"
      description={`Nothing more is sent to ${url}, deliveries still waiting are dropped and its delivery log is deleted. This can't be undone.`}
    >
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="endpointId" value={endpointId} />
        <FormAlert state={state} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose />
          <SubmitButton variant="danger" pendingText="Deleting…">
            Delete endpoint
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

/** Sends one delivery again, same id, fresh retry schedule. */
export function RedeliverForm({ workspace, deliveryId, eventType, action }: { workspace: string; deliveryId: string; eventType: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const [round, setRound] = useState(0);
  return (
    <form action={(data) => (setRound((r) => r + 1), formAction(data))} className="flex flex-col items-start gap-1">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton variant="secondary" size="sm" pendingText="Sending…">
        Send again<span className="sr-only"> ({eventType})</span>
      </SubmitButton>
      {state?.ok ? <RefreshWhileActive key={round} active maxMs={15_000} /> : null}
      <InlineError state={state} />
    </form>
  );
}
