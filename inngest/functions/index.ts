import { workflowList } from '@/lib/workflows';
import { cancelledRunsFunction } from './cancelled-runs';
import { workflowFunction } from './workflow-function';

/**
 * Everything app/api/inngest serves: one function per workflow in lib/workflows.ts, nothing
 * listed by hand, plus the system function that records runs Inngest cancelled.
 */
export const functions = [...workflowList.map(workflowFunction), cancelledRunsFunction(workflowList)];
