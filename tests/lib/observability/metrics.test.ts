import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordHttpRequest, recordJobRun, renderMetrics } from '@/lib/observability/metrics';

const unique = () => randomBytes(4).toString('hex');

describe('metrics', () => {
  it('counts HTTP requests per method, route and status and exposes them in Prometheus text', async () => {
    const route = `/test/${unique()}`;
    recordHttpRequest({ method: 'get', route, status: 200, durationMs: 12 });
    recordHttpRequest({ method: 'GET', route, status: 200, durationMs: 30 });
    recordHttpRequest({ method: 'GET', route, status: 503, durationMs: 5 });
    const { contentType, body } = await renderMetrics();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain(`http_requests_total{method="GET",route="${route}",status="200"} 2`);
    expect(body).toContain(`http_requests_total{method="GET",route="${route}",status="503"} 1`);
    expect(body).toContain(`http_request_duration_seconds_count{method="GET",route="${route}",status="200"} 2`);
    const sum = new RegExp(`http_request_duration_seconds_sum\\{method="GET",route="${route}",status="200"\\} ([\\d.e-]+)`).exec(body);
    expect(Number(sum?.[1])).toBeCloseTo(0.042, 6);
  });

  it('counts job runs and their durations per workflow and status', async () => {
    const workflow = `wf-${unique()}`;
    recordJobRun({ workflow, status: 'completed', durationMs: 1_500 });
    recordJobRun({ workflow, status: 'failed', durationMs: 200 });
    const { body } = await renderMetrics();
    expect(body).toContain(`job_runs_total{workflow="${workflow}",status="completed"} 1`);
    expect(body).toContain(`job_runs_total{workflow="${workflow}",status="failed"} 1`);
    expect(body).toContain(`job_run_duration_seconds_sum{workflow="${workflow}",status="completed"} 1.5`);
  });

  it('includes the default process metrics', async () => {
    const { body } = await renderMetrics();
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('nodejs_heap_size_used_bytes');
  });
});
