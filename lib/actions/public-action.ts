import type { z } from 'zod';
import { requestMeta, type RequestMeta } from '@/lib/tenancy/request-meta';
import { echoValues, formInput, parseForm } from './form-data';
import { enforceRateLimit, type ActionRateLimit } from './rate-limit';
import { actionFailure, type ActionResult, type ActionState } from './result';

/**
 * The wrapper for signed-out forms (sign-in, sign-up, reset, magic link, two-factor): parses the
 * form with zod, applies the declared rate limit by client IP, and maps errors to the one result
 * type. The handler gets typed input and the request's meta; it may redirect.
 */
export function publicAction<S extends z.ZodType, T>(
  options: { input: S; rateLimit?: ActionRateLimit | ActionRateLimit[]; component?: string },
  handler: (args: { input: z.output<S>; meta: RequestMeta }) => Promise<ActionResult<T> | T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionResult<T>> => {
    const input = formInput(formData);
    try {
      const parsed = parseForm(options.input, input);
      if (!parsed.ok) return parsed.result;
      const meta = await requestMeta();
      for (const limit of [options.rateLimit ?? []].flat()) await enforceRateLimit(limit, { ip: meta.ip }, 'ip');
      return asResult(await handler({ input: parsed.data, meta }));
    } catch (error) {
      return actionFailure(error, options.component ?? 'public-action', echoValues(options.input, input));
    }
  };
}

/** A handler may return a ready result (to show a message with failed or successful outcomes) or plain data. */
export function asResult<T>(value: ActionResult<T> | T): ActionResult<T> {
  if (value && typeof value === 'object' && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean') {
    return value as ActionResult<T>;
  }
  return { ok: true, data: value as T };
}
