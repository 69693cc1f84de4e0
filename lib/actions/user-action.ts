import type { z } from 'zod';
import { requestMeta, type RequestMeta } from '@/lib/tenancy/request-meta';
import { requireUser, type SessionUser } from '@/lib/tenancy/session';
import { echoValues, formInput, parseForm } from './form-data';
import { asResult } from './public-action';
import { enforceRateLimit, type ActionRateLimit } from './rate-limit';
import { actionFailure, type ActionResult, type ActionState } from './result';

/**
 * The wrapper for signed-in actions outside a workspace (account settings, onboarding, creating
 * a workspace, accepting an invitation): session, zod parse, rate limit by user, one result type.
 */
export function userAction<S extends z.ZodType, T>(
  options: { input: S; rateLimit?: ActionRateLimit | ActionRateLimit[]; component?: string },
  handler: (args: { input: z.output<S>; user: SessionUser; meta: RequestMeta }) => Promise<ActionResult<T> | T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionResult<T>> => {
    const input = formInput(formData);
    try {
      const user = await requireUser();
      const parsed = parseForm(options.input, input);
      if (!parsed.ok) return parsed.result;
      const meta = await requestMeta();
      for (const limit of [options.rateLimit ?? []].flat()) await enforceRateLimit(limit, { ip: meta.ip, userId: user.id }, 'user');
      return asResult(await handler({ input: parsed.data, user, meta }));
    } catch (error) {
      return actionFailure(error, options.component ?? 'user-action', echoValues(options.input, input));
    }
  };
}
