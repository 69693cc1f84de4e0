import { z } from 'zod';
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';

// The API's names for the few codes it spells differently from lib: a plan gate is `plan_required`.
const API_CODES: Partial<Record<AppErrorCode, string>> = { payment_required: 'plan_required' };

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export function apiErrorBody(error: AppError): ApiErrorBody {
  return { error: { code: API_CODES[error.code] ?? error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}

/** Zod issues as `{ field: message }` (the first issue per path; `_` for the object itself). */
export function issueDetails(error: z.ZodError, part: 'params' | 'query' | 'body'): Record<string, unknown> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '_';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'Unknown field.';
      continue;
    }
    fields[path] ??= issue.message;
  }
  return { in: part, fields };
}
