import type { SelectHTMLAttributes } from 'react';
import { cn } from './cn';
import { controlClasses } from './field-styles';
import { ChevronDownIcon } from './icons';

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean };

/** A native <select>: keyboard, screen reader and mobile pickers work without extra code. */
export function Select({ className, invalid, 'aria-invalid': ariaInvalid, children, ...props }: SelectProps) {
  return (
    <div className={cn('relative', className)}>
      <select
        aria-invalid={invalid || ariaInvalid || undefined}
        className={cn(controlClasses, 'h-10 appearance-none pr-9')}
        {...props}
      >
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted" />
    </div>
  );
}
