'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldError, FormAlert, submitted } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import { EXPIRY_CHOICES, EXPIRY_LABELS, type ExpiryChoice } from '@/lib/api-keys/expiry';
import { SCOPE_GROUPS } from '@/lib/api-keys/scope-groups';
import { SCOPE_LABELS, type ApiScope } from '@/lib/api-keys/scopes';
import { IssuedKeyPanel } from './issued-key-panel';

type Issued = { token: string; name: string; prefix: string };

export type CreateApiKeyFormProps = {
  workspace: string;
  /** Scopes the viewer's role may give a key. */
  offered: readonly ApiScope[];
  /** Whether the plan allows write scopes; when not, `writeNotice` says why (with a plans link). */
  writeAllowed: boolean;
  writeNotice?: ReactNode;
  action: FormAction<Issued>;
};

/** Create a key; once created the same card shows the key once, then a fresh form. */
export function CreateApiKeyForm(props: CreateApiKeyFormProps) {
  const [round, setRound] = useState(0);
  return <CreateRound key={round} {...props} onDone={() => setRound((r) => r + 1)} />;
}

function CreateRound({ workspace, offered, writeAllowed, writeNotice, action, onDone }: CreateApiKeyFormProps & { onDone: () => void }) {
  const [state, formAction] = useActionState(action, null);
  const [expiry, setExpiry] = useState<ExpiryChoice>((submitted(state, 'expiry') as ExpiryChoice | undefined) ?? 'never');
  if (state?.ok) return <IssuedKeyPanel token={state.data.token} name={state.data.name} onDone={onDone} />;

  const chosen = new Set((submitted(state, 'scopes') ?? '').split(',').filter(Boolean));
  const usable = (scope: ApiScope | undefined): scope is ApiScope => Boolean(scope && offered.includes(scope));
  const groups = SCOPE_GROUPS.filter((g) => usable(g.read) || usable(g.write));
  const today = new Date().toISOString().slice(0, 10);
  const scopeErrors = fieldError(state, 'scopes');

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} />
      <FormField id="api-key-name" label="Name" hint="What uses the key, e.g. “Nightly export” or “Zapier”." error={fieldError(state, 'name')} required>
        <Input name="name" autoComplete="off" maxLength={80} defaultValue={submitted(state, 'name')} />
      </FormField>

      <fieldset className="space-y-2" aria-describedby={scopeErrors ? 'api-key-scopes-error' : undefined}>
        <legend className="text-sm font-medium">Scopes</legend>
        <p className="text-xs text-muted">What the key may do. It never does more than you can, and loses what your role loses.</p>
        {writeAllowed ? null : <p className="text-xs text-muted">{writeNotice}</p>}
        <div className="divide-y divide-border rounded-lg border border-border">
          {groups.map((group) => (
            <div key={group.label} className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:gap-4">
              <span className="text-sm font-medium sm:w-40">{group.label}</span>
              <div className="flex flex-wrap gap-x-5 gap-y-1.5">
                {[group.read, group.write].filter(usable).map((scope) => {
                  const disabled = scope.endsWith(':write') && !writeAllowed;
                  return (
                    <label key={scope} className="flex items-center gap-2 text-sm" title={SCOPE_LABELS[scope]}>
                      <input type="checkbox" name="scopes" value={scope} defaultChecked={chosen.has(scope)} disabled={disabled} className="size-4 accent-accent" />
                      <span className={disabled ? 'text-subtle' : undefined}>
                        {scope.endsWith(':write') ? 'Write' : 'Read'}
                        <span className="sr-only">: {SCOPE_LABELS[scope]}</span>
                      </span>
                    </label>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
        {scopeErrors ? (
          <p id="api-key-scopes-error" className="text-xs font-medium text-danger">
            {scopeErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="api-key-expiry" label="Expires" error={fieldError(state, 'expiry')}>
          {(control) => (
            <Select {...control} name="expiry" value={expiry} onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {EXPIRY_LABELS[choice]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        {expiry === 'custom' ? (
          <FormField id="api-key-expires-on" label="Expiry date" hint="The key works through this day (UTC)." error={fieldError(state, 'expiresOn')} required>
            <Input name="expiresOn" type="date" min={today} defaultValue={submitted(state, 'expiresOn')} />
          </FormField>
        ) : null}
      </div>
      <SubmitButton pendingText="Creating…">Create key</SubmitButton>
    </form>
  );
}
