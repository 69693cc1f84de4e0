'use client';

import { useFormStatus } from 'react-dom';
import { Button, type ButtonAsButtonProps } from './button';

export type SubmitButtonProps = Omit<ButtonAsButtonProps, 'type' | 'loading'> & {
  /** Label while the enclosing form's action is pending. */
  pendingText?: string;
};

/** A submit button that shows the pending state of the <form> it sits in (server actions). */
export function SubmitButton({ pendingText, children, ...props }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button {...props} type="submit" loading={pending} loadingText={pendingText}>
      {children}
    </Button>
  );
}
