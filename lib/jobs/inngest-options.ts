import type { TimeStr } from 'inngest';
import type { AnyWorkflow } from './define-workflow';
import { keyToCel } from './workflow-key';

/**
 * A workflow's flow control as Inngest function options: plain data, so it is unit-tested
 * without Inngest and so lib/jobs need not import inngest/. The inline runner reads the same
 * fields of the workflow (concurrency, throttle, idempotency, timeout) and honours them in-process.
 */
type Limit = { limit: number; key?: string };

export type InngestFlowControl = {
  retries: number;
  concurrency?: Limit | [Limit, Limit];
  throttle?: { limit: number; period: TimeStr; key?: string };
  idempotency?: string;
  timeouts?: { finish: TimeStr };
};

/** Inngest's time strings have a 1 s resolution. */
export function inngestDuration(ms: number): TimeStr {
  return `${Math.max(1, Math.ceil(ms / 1_000))}s`;
}

export function inngestFlowControl(workflow: AnyWorkflow): InngestFlowControl {
  const options: InngestFlowControl = { retries: workflow.retries };
  const limit = (c: NonNullable<AnyWorkflow['concurrency']>): Limit => ({ limit: c.limit, ...(c.key ? { key: keyToCel(c.key) } : {}) });
  if (workflow.concurrency) options.concurrency = workflow.extraConcurrency ? [limit(workflow.concurrency), limit(workflow.extraConcurrency)] : limit(workflow.concurrency);
  if (workflow.throttle) {
    options.throttle = {
      limit: workflow.throttle.limit,
      // Validated by defineWorkflow (durationMs reads the same units Inngest does).
      period: workflow.throttle.period as TimeStr,
      ...(workflow.throttle.key ? { key: keyToCel(workflow.throttle.key) } : {}),
    };
  }
  if (workflow.idempotency) options.idempotency = keyToCel(workflow.idempotency);
  if (workflow.timeoutMs !== null) options.timeouts = { finish: inngestDuration(workflow.timeoutMs) };
  return options;
}
