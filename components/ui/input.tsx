import type { InputHTMLAttributes } from 'react';
import { cn } from './cn';
import { controlClasses } from './field-styles';

export type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  /** Marks the control invalid (aria-invalid); FormField sets this for you. */
  invalid?: boolean;
};

export function Input({ className, invalid, 'aria-invalid': ariaInvalid, type = 'text', ...props }: InputProps) {
  return (
    <input
      type={type}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(controlClasses, 'h-10 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium', className)}
      {...props}
    />
  );
}
