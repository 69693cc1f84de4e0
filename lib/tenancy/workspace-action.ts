import { z } from 'zod';
import { can, type Permission } from './permissions';
import { requireWorkspace, type WorkspaceAccess } from './require-workspace';
import { actionFailure, failure, formFields, parseForm, type ActionResult } from './action-result';
import { requestMeta, type RequestMeta } from './request-meta';

export type { ActionResult } from './action-result';

/**
 * The one wrapper for workspace server actions: resolves session, workspace and role, checks the
 * permission, parses the form with zod, and maps errors to a result the form can show. Forms
 * carry the workspace slug in a hidden `workspace` field.
 */
export function workspaceAction<S extends z.ZodType, T>(
  options: { input: S; permission: Permission },
  handler: (args: { input: z.infer<S>; access: WorkspaceAccess; meta: RequestMeta }) => Promise<T>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const fields = formFields(formData);
    try {
      const slug = z.string().min(1).safeParse(formData.get('workspace'));
      if (!slug.success) return failure('bad_request', 'The form is missing its workspace.');
      const access = await requireWorkspace(slug.data);
      if (!can(access.ctx.role, options.permission)) {
        return failure('forbidden', 'Your role in this workspace does not allow that.');
      }
      const parsed = parseForm(options.input, fields);
      if (!parsed.ok) return parsed.result;
      return { ok: true, data: await handler({ input: parsed.data, access, meta: await requestMeta() }) };
    } catch (error) {
      return actionFailure(error, 'workspace-action', fields);
    }
  };
}
