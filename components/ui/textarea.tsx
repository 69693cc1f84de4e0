import type { TextareaHTMLAttributes } from 'react';
import { cn } from './cn';
import { controlClasses } from './field-styles';

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean };

export function Textarea({ className, invalid, 'aria-invalid': ariaInvalid, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(controlClasses, 'min-h-20 py-2 leading-relaxed', className)}
      {...props}
    />
  );
}
