import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

// Money's lib commands validate their own input (forms and the API send the same shapes) and
// report every problem at once, keyed by dotted path ("splits.1.amount"), as `details.fields`:
// the action wrapper shows them under their fields, the API in its 422.

export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Parses or throws validation_failed with every field's message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error);
    const first = Object.values(fields)[0]?.[0];
    throw new AppError('validation_failed', first && Object.keys(fields).length === 1 ? first : 'Please correct the highlighted fields.', { fields });
  }
  return parsed.data;
}

/** A single field's refusal. */
export function fieldError(field: string, message: string, code: 'validation_failed' | 'conflict' = 'validation_failed'): AppError {
  return new AppError(code, message, { fields: { [field]: [message] } });
}
