export type CheckOutcome = { ok: boolean; latencyMs: number; error?: string } & Record<string, unknown>;
export type ReadinessCheck = () => Promise<CheckOutcome>;

export type ReadinessReport<K extends string> = {
  status: 200 | 503;
  body: { status: 'ok' | 'error'; checks: Record<K, CheckOutcome> };
};

export type ReadinessOptions<K extends string> = {
  /** Per check; a hung dependency must not hang the probe. */
  timeoutMs?: number;
  /** Fields shown with a check even when it throws or times out (e.g. which Redis backend). */
  context?: Partial<Record<K, Record<string, unknown>>>;
};

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, latencyMs: latency(), error: `timed out after ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      check().catch((error: unknown): CheckOutcome => ({ ok: false, latencyMs: latency(), error: message(error) })),
      timeout,
    ]);
    return (outcome.ok || outcome.error) ? outcome : { ...outcome, error: 'check failed' };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check in parallel; 200 only when all pass, otherwise 503 naming the failures. */
export async function runReadiness<K extends string>(
  checks: Record<K, ReadinessCheck>,
  options: ReadinessOptions<K> = {},
): Promise<ReadinessReport<K>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const names = Object.keys(checks) as K[];
  const outcomes = await Promise.all(names.map((name) => runOne(checks[name], timeoutMs)));
  const results = {} as Record<K, CheckOutcome>;
  names.forEach((name, i) => {
    results[name] = { ...options.context?.[name], ...outcomes[i]! };
  });
  const healthy = outcomes.every((outcome) => outcome.ok);
  return { status: healthy ? 200 : 503, body: { status: healthy ? 'ok' : 'error', checks: results } };
}
