import { helloWorkflow } from '@/lib/jobs/workflows';
import { helloRequested } from '../events';
import { workflowFunction } from './workflow-function';

export const platformHello = workflowFunction(helloWorkflow, helloRequested);
