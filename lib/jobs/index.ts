export type { StepEvent, WorkflowStep } from './step';
export { durationMs } from './step';
export {
  defineWorkflow,
  eraseWorkflow,
  type AnyWorkflow,
  type Duration,
  type Workflow,
  type WorkflowContext,
  type WorkflowOptions,
  type WorkflowPayload,
  type WorkflowTrigger,
} from './define-workflow';
export type { PayloadKey } from './workflow-key';
export { ChildWorkflowError, NonRetriableWorkflowError, WorkflowTimeoutError } from './errors';
export {
  findJobRun,
  getJobRun,
  listFailedJobRuns,
  listJobRuns,
  type JobRun,
  type JobRunFilters,
  type JobStatus,
} from './job-runs';
export { afterCommitDispatch, dispatchOutbox, enqueueEvent, enqueueEvents, enqueueWorkflow, type DispatchResult, type EventInput } from './outbox';
export { inlineRunsSettled, runInline, type InlineRunResult } from './inline-runner';
export { startCronTicker, stopCronTicker, cronTickerRunning } from './cron-ticker';
export { describeWorkflowBackend, workflowBackend, type WorkflowBackend } from './backend';
export { helloWorkflow, requestHello } from './workflows';
