import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { dateFormatter } from '@/lib/time';

export type JobRunRow = {
  id: string;
  workflow: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  progressMessage: string | null;
  attempts: number;
  durationMs: number | null;
  /** Safe for members (job_runs keeps raw errors out); the code says what kind of failure. */
  error: string | null;
  errorCode?: string | null;
  createdAt: Date;
};

const TONE: Record<JobRunRow['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'warning',
};

export function JobRunsTable({ runs, timeZone }: { runs: JobRunRow[]; timeZone: string }) {
  if (runs.length === 0) {
    return (
      <EmptyState
        variant="compact"
        title="No background jobs yet"
        text="Imports, bot runs and reports will show their progress here. Run the platform check to see one now."
      />
    );
  }
  const time = dateFormatter(timeZone, 'date-time-seconds');
  return (
    <Table scrollRegionLabel="Background job runs">
      <TableHeader>
        <TableRow>
          <TableHead>Workflow</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="w-48">Progress</TableHead>
          <TableHead numeric>Attempts</TableHead>
          <TableHead numeric>Duration</TableHead>
          <TableHead>Started</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id} data-testid="job-run">
            <TableCell className="font-medium">{run.workflow}</TableCell>
            <TableCell>
              <Badge tone={TONE[run.status]}>{run.status}</Badge>
              {run.error ? (
                <p className="mt-1 max-w-xs text-xs text-danger" title={run.errorCode ? `Error code: ${run.errorCode}` : undefined}>
                  {run.error}
                </p>
              ) : null}
            </TableCell>
            <TableCell>
              <ProgressBar value={run.progress} label={`${run.workflow} progress`} hideLabel size="sm" valueText={run.progressMessage ?? undefined} />
            </TableCell>
            <TableCell numeric>{run.attempts}</TableCell>
            <TableCell numeric>{run.durationMs === null ? '—' : `${run.durationMs} ms`}</TableCell>
            <TableCell>{time.format(run.createdAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
