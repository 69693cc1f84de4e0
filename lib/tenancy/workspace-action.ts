import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { getLogger } from '@/lib/observability/logger';
import { can, type Permission } from './permissions';
import { requireWorkspace, type WorkspaceAccess } from './require-workspace';

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: { code: string; message: string }; fieldErrors?: Record<string, string[] | undefined> };

/**
 * The one wrapper for workspace server actions: resolves session, workspace and role, checks the
 * permission, parses the form with zod, and maps errors to a result the form can show. Forms
 * carry the workspace slug in a hidden `workspace` field.
 */
export function workspaceAction<S extends z.ZodType, T>(
  options: { input: S; permission: Permission },
  handler: (args: { input: z.infer<S>; access: WorkspaceAccess }) => Promise<T>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    try {
      const slug = z.string().min(1).safeParse(formData.get('workspace'));
      if (!slug.success) return failure('bad_request', 'The form is missing its workspace.');
      const access = await requireWorkspace(slug.data);
      if (!can(access.ctx.role, options.permission)) {
        return failure('forbidden', 'Your role in this workspace does not allow that.');
      }
      const fields = Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith('$ACTION')));
      const parsed = options.input.safeParse(fields);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'validation_failed', message: 'Please correct the highlighted fields.' },
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>,
        };
      }
      return { ok: true, data: await handler({ input: parsed.data, access }) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return failure(error.code, error.message);
      getLogger({ component: 'workspace-action' }).error({ err: error }, 'server action failed');
      return failure('internal', 'Something went wrong on our side. Please try again.');
    }
  };
}

function failure(code: string, message: string): ActionResult<never> {
  return { ok: false, error: { code, message } };
}
