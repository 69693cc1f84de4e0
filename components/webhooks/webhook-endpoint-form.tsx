'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { IssuedKeyPanel } from '@/components/api-keys/issued-key-panel';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldError, FormAlert, submitted } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import { SUBSCRIBABLE_EVENT_TYPES, WEBHOOK_EVENTS, type WebhookEventType } from '@/lib/webhooks/events';

type Issued = { secret: string; endpointId: string; url: string };

export const SECRET_NOTICE = 'Tessera keeps it encrypted and shows it only now. Rotate it from the endpoint’s page if it is lost.';

type Values = { url: string; description: string; eventTypes: readonly WebhookEventType[] };

/** Add an endpoint; once added, the same card shows its signing secret once, then a fresh form. */
export function CreateWebhookForm({ workspace, action }: { workspace: string; action: FormAction<Issued> }) {
  const [round, setRound] = useState(0);
  return <CreateRound key={round} workspace={workspace} action={action} onDone={() => setRound((r) => r + 1)} />;
}

function CreateRound({ workspace, action, onDone }: { workspace: string; action: FormAction<Issued>; onDone: () => void }) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <IssuedKeyPanel token={state.data.secret} name={state.data.url} label="Signing secret" notice={SECRET_NOTICE} onDone={onDone} doneLabel="Add another" />
        <p className="text-sm">
          <Link className="underline" href={`/w/${encodeURIComponent(workspace)}/settings/webhooks/${state.data.endpointId}`}>
            Open the endpoint
          </Link>{' '}
          to send it a test event and watch its deliveries.
        </p>
      </div>
    );
  }
  const echoed = submitted(state, 'eventTypes');
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} />
      <EndpointFields
        idPrefix="new-webhook"
        state={state}
        values={{
          url: submitted(state, 'url') ?? '',
          description: submitted(state, 'description') ?? '',
          eventTypes: echoed ? (echoed.split(',') as WebhookEventType[]) : [],
        }}
      />
      <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
    </form>
  );
}

/** Change an endpoint's URL, description and events. */
export function EditWebhookForm({ workspace, endpointId, values, action }: { workspace: string; endpointId: string; values: Values; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const echoed = submitted(state, 'eventTypes');
  const shown = state && !state.ok ? { url: submitted(state, 'url') ?? '', description: submitted(state, 'description') ?? '', eventTypes: echoed ? (echoed.split(',') as WebhookEventType[]) : [] } : values;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <FormAlert state={state} success="Saved." />
      <EndpointFields key={state?.ok ? 'saved' : 'editing'} idPrefix="edit-webhook" state={state} values={shown} />
      <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
    </form>
  );
}

function EndpointFields({ idPrefix, state, values }: { idPrefix: string; state: Parameters<typeof fieldError>[0]; values: Values }) {
  const eventErrors = fieldError(state, 'eventTypes');
  const chosen = new Set(values.eventTypes);
  return (
    <>
      <FormField
        id={`${idPrefix}-url`}
        label="Endpoint URL"
        hint="Tessera POSTs each event here as JSON, signed (Standard Webhooks). It must be reachable from the internet over https."
        error={fieldError(state, 'url')}
        required
      >
        <Input name="url" type="url" inputMode="url" autoComplete="off" placeholder="https://example.com/hooks/tessera" defaultValue={values.url} />
      </FormField>
      <FormField id={`${idPrefix}-description`} label="Description" hint="Optional: what receives these, e.g. “Slack relay”." error={fieldError(state, 'description')}>
        <Input name="description" autoComplete="off" maxLength={200} defaultValue={values.description} />
      </FormField>
      <fieldset className="space-y-2" aria-describedby={eventErrors ? `${idPrefix}-events-error` : undefined}>
        <legend className="text-sm font-medium">Events</legend>
        <div className="divide-y divide-border rounded-lg border border-border">
          {SUBSCRIBABLE_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-start gap-3 px-3 py-2.5 text-sm">
              <input type="checkbox" name="eventTypes" value={type} defaultChecked={chosen.has(type)} className="mt-0.5 size-4 shrink-0 accent-accent" />
              <span className="min-w-0">
                <code className="font-mono text-xs font-medium">{type}</code>
                <span className="block text-xs text-muted">{WEBHOOK_EVENTS[type].description}</span>
              </span>
            </label>
          ))}
        </div>
        {eventErrors ? (
          <p id={`${idPrefix}-events-error`} className="text-xs font-medium text-danger">
            {eventErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
