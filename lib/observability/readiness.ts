import { getLogger } from './logger';

export type CheckOutcome = { ok: boolean; latencyMs: number; error?: string } & Record<string, unknown>;
export type ReadinessCheck = () => Promise<CheckOutcome>;

export type ReadinessReport<K extends string> = {
  status: 200 | 503;
  /** `degraded`: only checks the app can serve without failed (Redis); still 200. */
  body: { status: 'ok' | 'degraded' | 'error'; checks: Record<K, CheckOutcome> };
};

export type ReadinessOptions<K extends string> = {
  /** Per check; a hung dependency must not hang the probe. */
  timeoutMs?: number;
  /** Fields shown with a check even when it throws or times out (e.g. which Redis backend). */
  context?: Partial<Record<K, Record<string, unknown>>>;
  /** Checks whose failure degrades the app instead of taking it out of rotation (shown as `status: 'down'`). */
  degradable?: readonly NoInfer<K>[];
};

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;


async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, latencyMs: latency(), error: `timed out after ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      // A thrown error's message may name internal hosts and ports: logged, answered generically.
      check().catch((error: unknown): CheckOutcome => {
        getLogger({ component: 'health' }).error({ err: error }, 'readiness check threw');
        return { ok: false, latencyMs: latency(), error: 'check failed' };
      }),
      timeout,
    ]);
    return (outcome.ok || outcome.error) ? outcome : { ...outcome, error: 'check failed' };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check in parallel; 200 when all pass or only degradable ones fail, otherwise 503 naming the failures. */
export async function runReadiness<K extends string>(
  checks: Record<K, ReadinessCheck>,
  options: ReadinessOptions<K> = {},
): Promise<ReadinessReport<K>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const names = Object.keys(checks) as K[];
  const outcomes = await Promise.all(names.map((name) => runOne(checks[name], timeoutMs)));
  const results = {} as Record<K, CheckOutcome>;
  const degradable = new Set<K>(options.degradable ?? []);
  names.forEach((name, i) => {
    const outcome = outcomes[i]!;
    results[name] = { ...options.context?.[name], ...outcome, ...(degradable.has(name) && !outcome.ok ? { status: 'down' } : {}) };
  });
  const failed = names.filter((_, i) => !outcomes[i]!.ok);
  const serving = failed.every((name) => degradable.has(name));
  const status = failed.length === 0 ? 'ok' : serving ? 'degraded' : 'error';
  return { status: serving ? 200 : 503, body: { status, checks: results } };
}
