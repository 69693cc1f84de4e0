'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { AlertTriangleIcon } from '@/components/ui/icons';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert } from './form-alert';

const FIELD_ID = 'ws-require-two-factor';

/**
 * The "Require two-factor for every member" switch: a checkbox and Save. `canEdit` is false for
 * anyone but an owner and on a plan without the feature (the page says why); the server checks both.
 */
export function RequireTwoFactorForm({
  workspace,
  required,
  canEdit,
  action,
}: {
  workspace: string;
  required: boolean;
  canEdit: boolean;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = fieldError(state, 'requireTwoFactor');
  // After a refused "on", the box shows what was asked for, next to why it was refused.
  const checked = errors?.length ? true : required;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} success="Saved." />
      <div className="space-y-1.5">
        <label htmlFor={FIELD_ID} className="flex items-start gap-3 text-sm">
          <input
            key={String(checked)}
            id={FIELD_ID}
            type="checkbox"
            name="requireTwoFactor"
            defaultChecked={checked}
            disabled={!canEdit}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? `${FIELD_ID}-error` : undefined}
            className="mt-0.5 size-4 accent-[var(--accent)]"
          />
          <span className="font-medium">Require two-factor authentication for every member</span>
        </label>
        {errors?.length ? (
          <div id={`${FIELD_ID}-error`} className="flex items-start gap-1.5 text-xs font-medium text-danger">
            <AlertTriangleIcon className="mt-px size-3.5" />
            <p>
              {errors[0]}{' '}
              <Link href="/account/security" className="underline underline-offset-4">
                Go to Account → Security
              </Link>
            </p>
          </div>
        ) : null}
      </div>
      {canEdit ? (
        <SubmitButton variant="secondary" pendingText="Saving…">
          Save
        </SubmitButton>
      ) : null}
    </form>
  );
}
