import type { JobRun } from './job-runs';

const STATUS_WORDS: Record<JobRun['status'], string> = {
  queued: 'is queued',
  running: 'is running',
  succeeded: 'finished',
  failed: 'failed',
  cancelled: 'was cancelled',
};

/** One sentence for activity feeds: "Workflow platform-hello finished in 42 ms". */
export function describeJobRun(run: Pick<JobRun, 'workflow' | 'status' | 'durationMs'>): string {
  const took = run.status === 'succeeded' && run.durationMs !== null ? ` in ${run.durationMs} ms` : '';
  return `Workflow ${run.workflow} ${STATUS_WORDS[run.status]}${took}`;
}
