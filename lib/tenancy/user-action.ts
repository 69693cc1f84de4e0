// Moved to lib/actions/user-action.ts; kept as a re-export until integration.
export { userAction } from '@/lib/actions/user-action';
