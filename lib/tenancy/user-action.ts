import { z } from 'zod';
import { actionFailure, formFields, parseForm, type ActionResult } from './action-result';
import { requestMeta, type RequestMeta } from './request-meta';
import { requireUser, type SessionUser } from './session';

/**
 * The wrapper for signed-in actions outside a workspace (onboarding, creating a workspace,
 * accepting an invitation): session, zod parse, and the same result shape as workspaceAction.
 */
export function userAction<S extends z.ZodType, T>(
  options: { input: S },
  handler: (args: { input: z.infer<S>; user: SessionUser; meta: RequestMeta }) => Promise<T>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const fields = formFields(formData);
    try {
      const user = await requireUser();
      const parsed = parseForm(options.input, fields);
      if (!parsed.ok) return parsed.result;
      return { ok: true, data: await handler({ input: parsed.data, user, meta: await requestMeta() }) };
    } catch (error) {
      return actionFailure(error, 'user-action', fields);
    }
  };
}
