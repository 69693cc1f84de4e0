'use client';

import { useEffect, useRef, type RefObject } from 'react';
import type { ActionState } from '@/lib/actions/form-state';

/**
 * After a failed submit, moves focus to the first thing that says what went wrong: the first
 * invalid field (its message is in its aria-describedby) or the form's error summary
 * (role=alert, which needs tabIndex=-1). Keyboard and screen-reader users land on the problem
 * instead of on a button that no longer explains anything. Each result moves focus once, so a
 * form that shows an earlier result again (another way of submitting it) doesn't jump.
 */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, state: ActionState<unknown>) {
  const handled = useRef(new WeakSet<object>());
  useEffect(() => {
    if (!state || state.ok || handled.current.has(state)) return;
    handled.current.add(state);
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [form, state]);
}
