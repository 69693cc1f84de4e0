import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { loggableError, redactSqlParams } from '@/lib/observability/error-chain';
import {
  INTERNAL_ERROR_MESSAGE,
  NonRetriableWorkflowError,
  safeError,
  safeWire,
  WorkflowTimeoutError,
} from '@/lib/jobs/errors';
import { configureInlineRunner, runInline } from '@/lib/jobs/inline-runner';
import { getJobRun } from '@/lib/jobs/job-runs';
import { createLogger, type Logger } from '@/lib/observability/logger';

describe('safe errors for job_runs', () => {
  it('AppError and NonRetriableWorkflowError keep their message and code; anything else is internal', () => {
    expect(safeError(new AppError('not_found', 'That store no longer exists.'))).toEqual({
      code: 'not_found',
      message: 'That store no longer exists.',
    });
    expect(safeError(new NonRetriableWorkflowError('The CSV has no header row.', { code: 'bad_csv' }))).toEqual({
      code: 'bad_csv',
      message: 'The CSV has no header row.',
    });
    expect(safeError(new WorkflowTimeoutError('import', 300_000))).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/5 min/),
    });
    expect(safeError(new Error('Failed query: select * from users\nparams: alice@example.com'))).toEqual({
      code: 'internal',
      message: INTERNAL_ERROR_MESSAGE,
    });
    expect(safeError('a string')).toEqual({ code: 'internal', message: INTERNAL_ERROR_MESSAGE });
  });

  it('reads back the code of an error that crossed Inngest (wire name, StepError cause)', () => {
    const wire = safeWire(new AppError('conflict', 'Already running.'));
    expect(wire).toMatchObject({ name: 'WorkflowError[conflict]', message: 'Already running.' });
    expect(safeWire(new TypeError('x is undefined'))).toMatchObject({ name: 'WorkflowError[internal]', message: INTERNAL_ERROR_MESSAGE });
    const stepError = Object.assign(new Error('step failed'), { name: 'StepError', cause: { name: wire.name, message: wire.message } });
    expect(safeError(stepError)).toEqual({ code: 'conflict', message: 'Already running.' });
  });

  it("strips drizzle's SQL parameters from the message and stack for the log, and leaves out Postgres' detail", () => {
    expect(redactSqlParams('Failed query: select $1\nparams: alice@example.com,42')).toBe('Failed query: select $1\nparams: [redacted]');
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: '23505',
      detail: 'Key (email)=(alice@example.com) already exists.',
    });
    const error = new Error('Failed query: insert into users (email) values ($1)\nparams: alice@example.com', { cause });
    const logged = loggableError(error);
    expect(JSON.stringify(logged)).not.toContain('alice@example.com');
    expect(logged).toMatchObject({
      message: 'Failed query: insert into users (email) values ($1)\nparams: [redacted]',
      cause: { code: '23505' },
    });
    expect(logged.stack).toContain('params: [redacted]');
  });
});

describe('a workflow failing on a database error (inline)', () => {
  const lines: string[] = [];
  const holder = globalThis as unknown as { __tesseraLogger?: Logger };
  let previous: Logger | undefined;
  let restore: () => void;

  beforeAll(() => {
    previous = holder.__tesseraLogger;
    holder.__tesseraLogger = createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    restore = configureInlineRunner({ sleep: async () => {} });
  });
  afterAll(() => {
    holder.__tesseraLogger = previous;
    restore();
  });

  it('stores a generic message with code internal; the log has the SQL without its parameters', async () => {
    const secret = `pin-${randomUUID()}`;
    const workflow = defineWorkflow(
      { id: 'test-errors-database', trigger: { event: 'test/errors.database' }, schema: z.object({ pin: z.string() }), retries: 0 },
      async ({ pin }, step) =>
        step.run('query', () => withSystem('test: failing query', (tx) => tx.execute(sql`select 1 / 0 where ${pin} = ${pin}`))),
    );
    const result = await runInline(workflow, { id: randomUUID(), data: { pin: secret } });
    expect(result.status).toBe('failed');
    const run = await withSystem('test: read', (tx) => getJobRun(tx, result.run.id));
    expect(run).toMatchObject({ status: 'failed', errorCode: 'internal', error: INTERNAL_ERROR_MESSAGE });

    const logged = lines.join('');
    expect(logged).toContain('Failed query: select 1 / 0');
    expect(logged).toContain('params: [redacted]');
    expect(logged).not.toContain(secret);
  });
});
