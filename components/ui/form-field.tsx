import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { cn } from './cn';
import { AlertTriangleIcon } from './icons';
import { Label } from './label';

export type FormFieldControlProps = {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  required?: boolean;
};

export type FormFieldProps = {
  /** Id given to the control; hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** One message or a list (e.g. zod's flattened fieldErrors[name]). */
  error?: string | string[] | null;
  required?: boolean;
  optional?: boolean;
  className?: string;
  /** A single control element (props are injected) or a render function receiving them. */
  children: ReactElement<FormFieldControlProps> | ((control: FormFieldControlProps) => ReactNode);
};

export function FormField({ id, label, hint, error, required, optional, className, children }: FormFieldProps) {
  const errors = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;

  const control: FormFieldControlProps = {
    id,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': describedBy,
    ...(required ? { required: true } : {}),
  };

  const rendered =
    typeof children === 'function' ? children(control) : isValidElement(children) ? cloneElement(children, control) : children;

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={id} required={required} optional={optional}>
        {label}
      </Label>
      {rendered}
      {hint ? (
        <p id={hintId} className="text-xs leading-relaxed text-muted">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <div id={errorId} className="flex items-start gap-1.5 text-xs font-medium text-danger">
          <AlertTriangleIcon className="mt-px size-3.5" />
          <div>
            {errors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
