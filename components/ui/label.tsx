import type { LabelHTMLAttributes } from 'react';
import { cn } from './cn';

export type LabelProps = LabelHTMLAttributes<HTMLLabelElement> & {
  /** Adds a visual "required" marker; the control's own `required` attribute is what assistive tech reads. */
  required?: boolean;
  /** Adds a muted "(optional)" suffix. */
  optional?: boolean;
};

export function Label({ className, required, optional, children, ...props }: LabelProps) {
  return (
    <label className={cn('inline-flex items-baseline gap-1 text-sm font-medium text-foreground', className)} {...props}>
      {children}
      {required ? (
        <span aria-hidden="true" className="text-danger">
          *
        </span>
      ) : null}
      {optional ? <span className="font-normal text-muted">(optional)</span> : null}
    </label>
  );
}
