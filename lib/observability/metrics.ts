import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

type Metrics = {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobRuns: Counter<'workflow' | 'status'>;
  jobDuration: Histogram<'workflow' | 'status'>;
};

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests handled, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobRuns: new Counter({
      name: 'job_runs_total',
      help: 'Background workflow runs, by workflow and final status',
      labelNames: ['workflow', 'status'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'job_run_duration_seconds',
      help: 'Background workflow run duration in seconds, by workflow and final status',
      labelNames: ['workflow', 'status'],
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
  };
}

// One registry per process, shared by every bundle (middleware, routes, Inngest handler) and
// surviving dev hot reloads, which would otherwise register the same metric names twice.
const holder = globalThis as unknown as { __tesseraMetrics?: Metrics };

function metrics(): Metrics {
  holder.__tesseraMetrics ??= createMetrics();
  return holder.__tesseraMetrics;
}

export type HttpRequestSample = {
  method: string;
  /** The route pattern (`/api/v1/bots/[id]`), never the raw path: labels must stay few. */
  route: string;
  status: number;
  durationMs: number;
};

export function recordHttpRequest({ method, route, status, durationMs }: HttpRequestSample): void {
  const labels = { method: method.toUpperCase(), route, status: String(status) };
  const m = metrics();
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, Math.max(0, durationMs) / 1000);
}

export type JobRunSample = {
  workflow: string;
  /** Final status of the run, e.g. `completed`, `failed`, `cancelled`. */
  status: string;
  durationMs: number;
};

export function recordJobRun({ workflow, status, durationMs }: JobRunSample): void {
  const labels = { workflow, status };
  const m = metrics();
  m.jobRuns.inc(labels);
  m.jobDuration.observe(labels, Math.max(0, durationMs) / 1000);
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
