import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` for every list endpoint; extend with the endpoint's own filters. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).meta({ description: `Page size, 1–${MAX_PAGE_SIZE}.` }),
  cursor: z.string().max(200).optional().meta({ description: 'The `next_cursor` of the previous page.' }),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }) });
}

/** Opaque cursors: base64url JSON of the last row's sort key, so clients can't depend on their form. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the one error below
  }
  throw new AppError('bad_request', 'That cursor is not one this endpoint gave out.', { in: 'query', fields: { cursor: 'Invalid cursor.' } });
}
