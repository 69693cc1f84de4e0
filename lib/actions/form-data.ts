import { z } from 'zod';
import { failure, type ActionResult } from './result';
import { secretKeys } from './secret';

export type FormValue = string | File;
export type FormInput = Record<string, FormValue | FormValue[]>;

/**
 * A submitted form as an object for zod: text and File values kept, a key sent more than once
 * (multi-select, checkboxes) becomes an array in order, Next's `$ACTION…` bookkeeping dropped.
 */
export function formInput(formData: FormData): FormInput {
  const input: FormInput = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const previous = input[key];
    if (previous === undefined) input[key] = value;
    else input[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return input;
}

/** A field that may arrive once, many times or not at all (checkbox groups, multi-selects): always an array. */
export function formList<S extends z.ZodType>(item: S) {
  return z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** The text values to refill a form with: files and secret() fields left out, repeated keys joined. */
export function echoValues(schema: z.ZodType, input: FormInput): Record<string, string> {
  const secrets = secretKeys(schema);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (secrets.has(key)) continue;
    const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (texts.length) values[key] = texts.join(',');
  }
  return values;
}

/** zod parse as a form result: field errors under their fields, the typed data otherwise. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: FormInput,
): { ok: true; data: z.output<S> } | { ok: false; result: ActionResult<never> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    result: failure('validation_failed', 'Please correct the highlighted fields.', {
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>,
      values: echoValues(schema, input),
    }),
  };
}
