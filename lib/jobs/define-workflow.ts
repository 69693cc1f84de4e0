import type { z } from 'zod';
import type { TenantContext } from '@/db/tenant';
import type { WorkflowStep } from './step';

export type WorkflowPayload = Record<string, unknown>;

/** What a run knows about itself besides its payload. */
export type WorkflowContext = {
  /** The job_runs row: stable across retries and redeliveries of the same event. */
  readonly runId: string;
  readonly eventId: string;
  /** Zero-based attempt of this execution. */
  readonly attempt: number;
  /** From the payload's `tenantId`, null for platform-wide work. */
  readonly tenantId: string | null;
  /** The tenant context to use with withTenant; throws (without retry) when the run has no tenant. */
  asTenant(): TenantContext;
};

export type Workflow<P extends WorkflowPayload = WorkflowPayload, O = unknown, E extends string = string> = {
  /** kebab-case, unique: the job_runs `workflow` and the Inngest function id. */
  readonly name: string;
  /** The event that starts it, e.g. 'platform/hello.requested'. */
  readonly event: E;
  /** Must not transform (input = output): Inngest validates event data with it too and forbids transforms. */
  readonly schema: z.ZodType<P>;
  /** Payload field whose value serializes runs (per tenant, usually); none means no limit. */
  readonly concurrencyKey?: keyof P & string;
  /** Runs allowed at once per concurrency key. */
  readonly concurrencyLimit: number;
  /** Retries after the first attempt. */
  readonly retries: number;
  // Method syntax on purpose: it lets a Workflow<{ tenantId: string }> stand where any workflow is expected.
  run(payload: P, step: WorkflowStep, ctx: WorkflowContext): Promise<O>;
};

export type WorkflowOptions<S extends z.ZodType<WorkflowPayload>, O, E extends string> = {
  name: string;
  event: E;
  schema: S;
  concurrencyKey?: keyof z.output<S> & string;
  concurrencyLimit?: number;
  retries?: number;
  run: (payload: z.output<S>, step: WorkflowStep, ctx: WorkflowContext) => Promise<O>;
};

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const EVENT = /^[a-z][a-z0-9-]*\/[a-z0-9-]+(\.[a-z0-9-]+)+$/;
// Inngest accepts 0..20 retries; the inline runner honours the same bound so both behave alike.
const MAX_RETRIES = 20;

export function defineWorkflow<S extends z.ZodType<WorkflowPayload>, O, E extends string>(
  options: WorkflowOptions<S, O, E>,
): Workflow<z.output<S>, O, E> {
  if (!NAME.test(options.name)) throw new Error(`workflow name must be kebab-case: ${options.name}`);
  if (!EVENT.test(options.event)) throw new Error(`event name must look like 'module/thing.happened': ${options.event}`);
  const retries = options.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    throw new Error(`retries must be an integer from 0 to ${MAX_RETRIES}: ${options.name}`);
  }
  const concurrencyLimit = options.concurrencyLimit ?? 1;
  if (!Number.isInteger(concurrencyLimit) || concurrencyLimit < 1) throw new Error(`concurrencyLimit must be ≥ 1: ${options.name}`);
  return Object.freeze({
    name: options.name,
    event: options.event,
    schema: options.schema as unknown as z.ZodType<z.output<S>>,
    concurrencyKey: options.concurrencyKey,
    concurrencyLimit,
    retries,
    run: options.run,
  });
}

/** Any workflow, payload type erased: zod types are invariant, so lists of mixed workflows need this. */
export type AnyWorkflow = Workflow<WorkflowPayload, unknown>;

/** Safe because every runner checks the payload against the workflow's own schema before running it. */
export function eraseWorkflow<P extends WorkflowPayload, O, E extends string>(workflow: Workflow<P, O, E>): AnyWorkflow {
  return workflow as unknown as AnyWorkflow;
}
