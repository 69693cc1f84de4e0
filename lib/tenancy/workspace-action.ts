// Moved to lib/actions/workspace-action.ts; kept as a re-export until integration.
export { workspaceAction, type ActionResult } from '@/lib/actions/workspace-action';
