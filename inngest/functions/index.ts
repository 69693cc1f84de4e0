import { workflowList } from '@/lib/workflows';
import { workflowFunction } from './workflow-function';

/** Everything app/api/inngest serves: one function per workflow in lib/workflows.ts, nothing listed by hand. */
export const functions = workflowList.map(workflowFunction);
