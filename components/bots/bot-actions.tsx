'use client';

import { useActionState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import type { BotStatus } from '@/lib/bots/bots';

export type BotLifecycleActions = {
  start: FormAction<unknown>;
  pause: FormAction<unknown>;
  resume: FormAction<unknown>;
  runNow: FormAction<unknown>;
  stop: FormAction<unknown>;
  remove: FormAction<unknown>;
};

type Props = { workspace: string; botId: string; botName: string; status: BotStatus; live: boolean; actions: BotLifecycleActions };

function ActionForm({ workspace, botId, action, label, pendingText, variant = 'secondary' }: { workspace: string; botId: string; action: FormAction<unknown>; label: string; pendingText: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="botId" value={botId} />
      <SubmitButton variant={variant} size="sm" pendingText={pendingText}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="max-w-64 text-xs text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}

function StopForm({ workspace, botId, botName, action }: { workspace: string; botId: string; botName: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog trigger="Stop" triggerVariant="secondary" triggerSize="sm" title={`Stop ${botName}?`} description="The bot stops running and cancels its open orders. Start it again whenever you like.">
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="botId" value={botId} />
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="closePositions" className="mt-0.5 size-4 accent-accent" />
          <span>Also close the open positions at market now</span>
        </label>
        {state && !state.ok ? (
          <p role="alert" className="text-sm text-danger">
            {state.error.message}
          </p>
        ) : null}
        <SubmitButton variant="danger" pendingText="Stopping…">
          Stop the bot
        </SubmitButton>
      </form>
    </Dialog>
  );
}

function DeleteForm({ workspace, botId, botName, action }: { workspace: string; botId: string; botName: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <Dialog trigger="Delete" triggerVariant="ghost" triggerSize="sm" title={`Delete ${botName}?`} description="Its deals, orders, trades and run logs are deleted with it. This can't be undone.">
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="botId" value={botId} />
        {state && !state.ok ? (
          <p role="alert" className="text-sm text-danger">
            {state.error.message}
          </p>
        ) : null}
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete the bot
        </SubmitButton>
      </form>
    </Dialog>
  );
}

/** What can be done to the bot in its current state: only the moves its status allows. */
export function BotActions({ workspace, botId, botName, status, live, actions }: Props) {
  const common = { workspace, botId };
  return (
    <div className="flex flex-wrap items-start gap-2">
      {status === 'inactive' || status === 'error' ? <ActionForm {...common} action={actions.start} label={status === 'error' ? 'Restart' : 'Start'} pendingText="Starting…" variant="primary" /> : null}
      {status === 'active' ? <ActionForm {...common} action={actions.runNow} label="Run now" pendingText="Queuing…" variant="primary" /> : null}
      {status === 'active' ? <ActionForm {...common} action={actions.pause} label="Pause" pendingText="Pausing…" /> : null}
      {status === 'paused' ? <ActionForm {...common} action={actions.resume} label="Resume" pendingText="Resuming…" variant="primary" /> : null}
      {status === 'active' || status === 'paused' ? <StopForm {...common} botName={botName} action={actions.stop} /> : null}
      {status !== 'active' || !live ? <DeleteForm {...common} botName={botName} action={actions.remove} /> : null}
    </div>
  );
}
