import { z } from 'zod';
import type { TenantContext } from '@/db/tenant';
import { parseCron } from './cron-expression';
import type { WorkflowStep } from './step';
import { durationMs } from './step';
import { keyFields, type KeyFields, type PayloadKey } from './workflow-key';

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
  /** The run that invoked this one (step.invoke), if any. */
  readonly parentRunId: string | null;
  /** The tenant context to use with withTenant; throws (without retry) when the run has no tenant. */
  asTenant(): TenantContext;
};

/** A duration: milliseconds, or '30s', '5m', '1h30m', '1d'. */
export type Duration = string | number;

export type WorkflowTrigger<E extends string = string> = { event: E } | { cron: string };

export type Workflow<P extends WorkflowPayload = WorkflowPayload, O = unknown, E extends string = string> = {
  /** kebab-case, unique: the job_runs `workflow` and the Inngest function id. */
  readonly id: string;
  /** Same as id (job_runs and logs call it the workflow's name). */
  readonly name: string;
  readonly trigger: WorkflowTrigger<E>;
  /** The event that starts it, e.g. 'platform/hello.requested'; null for a cron workflow. */
  readonly event: E | null;
  /** 'TZ=UTC 15 3 * * *'; null for an event workflow. */
  readonly cron: string | null;
  /** Must not transform (input = output): Inngest validates event data with it too and forbids transforms. */
  readonly schema: z.ZodType<P>;
  /** Runs (inline) or steps (Inngest) at once, per key value when a key is given. */
  readonly concurrency: { readonly limit: number; readonly key: KeyFields | null } | null;
  /** A second, wider limit every run also holds a slot of (one run per bot, and N per workspace). */
  readonly extraConcurrency: { readonly limit: number; readonly key: KeyFields | null } | null;
  /** Run starts allowed per period, per key value; more wait their turn (not dropped). */
  readonly throttle: { readonly limit: number; readonly period: string; readonly periodMs: number; readonly key: KeyFields | null } | null;
  /** A second event with the same key within 24 h starts no second run. */
  readonly idempotency: KeyFields | null;
  /** Retries after the first attempt (0..20). */
  readonly retries: number;
  /** Exponential backoff between attempts: initial · 2^retry, at most max. */
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  /** The run fails with code `timeout` once this long has passed since its first attempt started. */
  readonly timeoutMs: number | null;
  // Method syntax on purpose: it lets a Workflow<{ tenantId: string }> stand where any workflow is expected.
  run(payload: P, step: WorkflowStep, ctx: WorkflowContext): Promise<O>;
};

type NoPayload = Record<string, never>;
const noPayload = z.object({}) as unknown as z.ZodType<NoPayload>;

export type WorkflowOptions<P extends WorkflowPayload, E extends string> = {
  id: string;
  trigger: WorkflowTrigger<E>;
  /** The payload; cron workflows take none. */
  schema?: z.ZodType<P>;
  /** One limit, or two (Inngest's maximum): e.g. `[{ limit: 1, key: 'botId' }, { limit: 20, key: 'tenantId' }]`. */
  concurrency?: ConcurrencyOption<P> | readonly [ConcurrencyOption<P>, ConcurrencyOption<P>];
  /** `period` as Inngest writes it: '1s' to '7d'. */
  throttle?: { limit: number; period: string; key?: PayloadKey<P> };
  idempotency?: PayloadKey<P>;
  retries?: number;
  backoff?: { initial?: Duration; max?: Duration };
  timeout?: Duration;
};

type ConcurrencyOption<P extends WorkflowPayload> = { limit: number; key?: PayloadKey<P> };

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const EVENT = /^[a-z][a-z0-9-]*\/[a-z0-9-]+(\.[a-z0-9-]+)+$/;
// Inngest accepts 0..20 retries; the inline runner honours the same bound so both behave alike.
const MAX_RETRIES = 20;
export const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 5 * 60_000 } as const;

function positiveInt(value: number, what: string, id: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${what} must be an integer ≥ 1: ${id}`);
  return value;
}

/**
 * A workflow, defined once in lib/<module>/workflows.ts and listed once in lib/workflows.ts: the
 * Inngest function, its event type, the outbox catalog and the cron ticker all derive from it.
 *
 *   defineWorkflow({ id: 'bots-tick', trigger: { cron: 'TZ=UTC * * * * *' } }, async (_p, step) => …)
 *   defineWorkflow({ id: 'store-optimise', trigger: { event: 'pricing/store.optimise-requested' }, schema,
 *     concurrency: { limit: 1, key: 'storeId' }, throttle: { limit: 10, period: '1m', key: 'tenantId' },
 *     idempotency: ['storeId', 'requestId'], retries: 5, timeout: '15m' }, async (payload, step, ctx) => …)
 */
export function defineWorkflow<P extends WorkflowPayload = NoPayload, O = unknown, E extends string = never>(
  options: WorkflowOptions<P, E>,
  handler: (payload: P, step: WorkflowStep, ctx: WorkflowContext) => Promise<O>,
): Workflow<P, O, E> {
  const { id } = options;
  if (!ID.test(id)) throw new Error(`workflow id must be kebab-case: ${id}`);
  const trigger = options.trigger;
  let event: E | null = null;
  let cron: string | null = null;
  if ('event' in trigger) {
    if (!EVENT.test(trigger.event)) throw new Error(`event name must look like 'module/thing.happened': ${trigger.event}`);
    if (!options.schema) throw new Error(`an event workflow needs a payload schema: ${id}`);
    event = trigger.event;
  } else {
    parseCron(trigger.cron);
    if (!/^TZ=UTC\s/.test(trigger.cron)) throw new Error(`cron must start with TZ=UTC, so both runners read it alike: ${id}`);
    cron = trigger.cron;
  }
  const retries = options.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    throw new Error(`retries must be an integer from 0 to ${MAX_RETRIES}: ${id}`);
  }
  // Cron workflows run one at a time unless they say otherwise: a slow tick never piles up.
  const concurrencyOptions: readonly ConcurrencyOption<P>[] = Array.isArray(options.concurrency)
    ? (options.concurrency as readonly ConcurrencyOption<P>[])
    : options.concurrency
      ? [options.concurrency as ConcurrencyOption<P>]
      : cron
        ? [{ limit: 1 }]
        : [];
  const [concurrency = null, extraConcurrency = null] = concurrencyOptions.map((option) => ({
    limit: positiveInt(option.limit, 'concurrency.limit', id),
    key: option.key === undefined ? null : keyFields(option.key, `${id} concurrency`),
  }));
  let throttle: Workflow['throttle'] = null;
  if (options.throttle) {
    const periodMs = durationMs(options.throttle.period);
    if (periodMs < 1_000 || periodMs > 7 * 86_400_000) throw new Error(`throttle.period must be from 1s to 7d: ${id}`);
    throttle = {
      limit: positiveInt(options.throttle.limit, 'throttle.limit', id),
      period: options.throttle.period,
      periodMs,
      key: options.throttle.key === undefined ? null : keyFields(options.throttle.key, `${id} throttle`),
    };
  }
  const backoff = {
    initialMs: options.backoff?.initial === undefined ? DEFAULT_BACKOFF.initialMs : durationMs(options.backoff.initial),
    maxMs: options.backoff?.max === undefined ? DEFAULT_BACKOFF.maxMs : durationMs(options.backoff.max),
  };
  if (backoff.maxMs < backoff.initialMs) throw new Error(`backoff.max must be ≥ backoff.initial: ${id}`);
  const timeoutMs = options.timeout === undefined ? null : durationMs(options.timeout);
  if (timeoutMs !== null && timeoutMs <= 0) throw new Error(`timeout must be positive: ${id}`);
  return Object.freeze({
    id,
    name: id,
    trigger,
    event,
    cron,
    schema: options.schema ?? (noPayload as unknown as z.ZodType<P>),
    concurrency,
    extraConcurrency,
    throttle,
    idempotency: options.idempotency === undefined ? null : keyFields(options.idempotency, `${id} idempotency`),
    retries,
    backoff,
    timeoutMs,
    run: handler,
  });
}

/** Any workflow, payload type erased: zod types are invariant, so lists of mixed workflows need this. */
export type AnyWorkflow = Workflow<WorkflowPayload, unknown>;

/** Safe because every runner checks the payload against the workflow's own schema before running it. */
export function eraseWorkflow<P extends WorkflowPayload, O, E extends string>(workflow: Workflow<P, O, E>): AnyWorkflow {
  return workflow as unknown as AnyWorkflow;
}

/** Backoff before retry number `retry` (0-based). */
export function backoffMs(backoff: Workflow['backoff'], retry: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** retry);
}
