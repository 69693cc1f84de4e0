/** What an account form gets back from its server action: a message, field errors, the values to refill. */
export type FormState<F extends string = string> = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<F, string[]>>;
  values?: Partial<Record<F, string>>;
} | null;

/** Text fields of a submitted form (files and Next's `$ACTION…` keys dropped). */
export function textFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith('$ACTION') && typeof value === 'string') fields[key] = value;
  }
  return fields;
}
