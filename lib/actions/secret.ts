import { z } from 'zod';

/**
 * Marks a form field whose value never travels back to the browser in a result (passwords,
 * codes, tokens). The list is explicit — a field is secret because its schema says so, not
 * because its name looks like one (`discountCode`, `tokenSymbol` are ordinary fields).
 */
const secretFields = z.registry<{ secret: true }>();

export function secret<S extends z.ZodType>(schema: S): S {
  secretFields.add(schema, { secret: true });
  return schema;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  // Optional, nullable, default and pipes keep the inner field's marking.
  for (let i = 0; i < 10; i++) {
    if (secretFields.has(current)) return current;
    const def = (current as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    const inner = (def.innerType ?? def.in ?? def.schema) as z.ZodType | undefined;
    if (!inner) return current;
    current = inner;
  }
  return current;
}

/** The keys of an object schema whose fields are marked secret(). */
export function secretKeys(schema: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const shape = (unwrap(schema) as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return keys;
  for (const [key, field] of Object.entries(shape)) {
    if (secretFields.has(unwrap(field))) keys.add(key);
  }
  return keys;
}
