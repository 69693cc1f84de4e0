// Moved to lib/actions/result.ts and lib/actions/form-data.ts; kept as a re-export until the
// remaining importers move (the lead deletes this file at integration).
export { actionFailure, failure, type ActionResult, type ActionState, type FormAction } from '@/lib/actions/result';
export { formInput, parseForm } from '@/lib/actions/form-data';
