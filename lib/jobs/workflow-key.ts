/**
 * Keys for concurrency, throttle and idempotency: a list of payload fields holding strings. One
 * form both runners evaluate the same way — the inline runner joins the values with '-' in JS,
 * Inngest gets the same join as a CEL expression over `event.data`.
 */

/** The payload fields whose values are always strings (required, not nullable). */
export type StringField<P> = { [K in keyof P & string]-?: P[K] extends string ? K : never }[keyof P & string];

/** One field, or several joined in order. */
export type PayloadKey<P> = StringField<P> | readonly [StringField<P>, ...StringField<P>[]];

export type KeyFields = readonly string[];

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function keyFields(key: string | readonly string[], where: string): KeyFields {
  const fields = typeof key === 'string' ? [key] : [...key];
  if (fields.length === 0) throw new Error(`${where}: a key needs at least one payload field`);
  for (const field of fields) {
    // Plain identifiers only: the CEL expression is built from them.
    if (!FIELD.test(field)) throw new Error(`${where}: key field must be an identifier: ${field}`);
  }
  return Object.freeze(fields);
}

/** `event.data.a + "-" + event.data.b`: what Inngest evaluates. */
export function keyToCel(fields: KeyFields): string {
  return fields.map((field) => `event.data.${field}`).join(' + "-" + ');
}

/** The same key in JS, for the inline runner and job_runs. Throws when a field is not a string. */
export function evaluateKey(fields: KeyFields, data: unknown): string {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return fields
    .map((field) => {
      const value = record[field];
      if (typeof value !== 'string') throw new Error(`key field ${field} is not a string in the payload`);
      return value;
    })
    .join('-');
}
