'use client';

import Link from 'next/link';
import { useActionState, useRef, useState, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useFocusFirstError } from '@/components/ui/use-focus-first-error';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert, formError, submitted } from './form-alert';

type Way = 'password' | 'link';

/**
 * One email field, two ways in: the password (the form's own action) or "email me a link"
 * (the second button's formAction → requestMagicLink, which always ends on /check-email).
 * Each way keeps its own result; the form shows the one last submitted.
 */
export function SignInForm({
  passwordAction,
  linkAction,
  callbackUrl,
}: {
  passwordAction: FormAction<unknown>;
  linkAction: FormAction<unknown>;
  callbackUrl: string;
}) {
  const [passwordState, submitPassword] = useActionState(passwordAction, null);
  const [linkState, submitLink] = useActionState(linkAction, null);
  const [way, setWay] = useState<Way>('password');
  const state = way === 'password' ? passwordState : linkState;
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const message = formError(state);
  return (
    <form ref={form} action={submitPassword} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {message ? <FormAlert>{message}</FormAlert> : null}
      <FormField id="email" label="Email" error={fieldError(state, 'email')} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={submitted(state, 'email')} />
      </FormField>
      <FormField id="password" label="Password" error={way === 'password' ? fieldError(state, 'password') : undefined} required>
        <Input name="password" type="password" autoComplete="current-password" />
      </FormField>
      <p className="-mt-2 text-right text-sm">
        <Link className="font-medium text-accent underline-offset-4 hover:underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
      <WayButton way="password" current={way} onChoose={setWay} pendingText="Signing in…">
        Sign in
      </WayButton>
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted" aria-hidden="true">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      <WayButton way="link" current={way} onChoose={setWay} formAction={submitLink} pendingText="Sending…" describedBy="sign-in-link-hint">
        Email me a sign-in link
      </WayButton>
      <p id="sign-in-link-hint" className="-mt-2 text-center text-xs text-muted">
        No password needed: we send a one-time link to the address above.
      </p>
    </form>
  );
}

/** A submit button for one way; only the way being submitted shows the pending state. */
function WayButton({
  way,
  current,
  onChoose,
  formAction,
  pendingText,
  describedBy,
  children,
}: {
  way: Way;
  current: Way;
  onChoose: (way: Way) => void;
  formAction?: (formData: FormData) => void;
  pendingText: string;
  describedBy?: string;
  children: ReactNode;
}) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      className="w-full"
      variant={way === 'password' ? 'primary' : 'secondary'}
      // Pressing Enter in a field clicks the first submit button, so the password way is chosen then too.
      onClick={() => onChoose(way)}
      formAction={formAction}
      formNoValidate={way === 'link' || undefined}
      aria-describedby={describedBy}
      disabled={pending && current !== way}
      loading={pending && current === way}
      loadingText={pendingText}
    >
      {children}
    </Button>
  );
}
