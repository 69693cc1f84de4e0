import { AppError } from '@/lib/errors/app-error';
import { redactSqlParams } from '@/lib/observability/error-chain';

/**
 * Thrown by a workflow (or its payload check) when retrying cannot help: the run fails at once.
 * The message is stored on job_runs and shown to workspace members: keep it safe to read.
 */
export class NonRetriableWorkflowError extends Error {
  readonly code: string;
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NonRetriableWorkflowError';
    this.code = options?.code ?? 'failed';
  }
}

/** The run went past its `timeout`. */
export class WorkflowTimeoutError extends NonRetriableWorkflowError {
  constructor(workflow: string, timeoutMs: number) {
    super(`The job ${workflow} did not finish within its time limit (${formatMs(timeoutMs)}).`, { code: 'timeout' });
    this.name = 'WorkflowTimeoutError';
  }
}

/** A child started with step.invoke failed; carries the child's safe message and code. */
export class ChildWorkflowError extends NonRetriableWorkflowError {
  constructor(child: string, safe: SafeError) {
    super(`Child job ${child} failed: ${safe.message}`, { code: safe.code });
    this.name = 'ChildWorkflowError';
  }
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}

export type SafeError = { code: string; message: string };

export const INTERNAL_ERROR_MESSAGE = 'The job failed because of an internal error. The details are in the server log.';

const MAX_ERROR_LENGTH = 500;
const clip = (text: string) => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text);

// Errors that crossed Inngest come back as plain errors; their name carries the code (see safeWire).
const WIRE_NAME = /^WorkflowError\[([a-z0-9_.-]+)\]$/;

/**
 * What job_runs stores and members see. Only errors thrown on purpose with a message meant for
 * people (AppError, NonRetriableWorkflowError and its kin) keep their message; anything else —
 * a database error with its SQL and parameters, a TypeError — becomes a generic message with
 * code `internal`, and the raw error goes to the log only (loggableError).
 */
export function safeError(error: unknown): SafeError {
  if (error instanceof AppError) return { code: error.code, message: clip(error.message) };
  if (error instanceof NonRetriableWorkflowError) return { code: error.code, message: clip(error.message) };
  if (error instanceof Error) {
    const wire = WIRE_NAME.exec(error.name);
    if (wire) return { code: wire[1]!, message: clip(error.message) };
    // Inngest wraps a step's final failure in a StepError whose cause is the (serialized) error,
    // and our adapters throw NonRetriableError / RetryAfterError with the wire error as cause.
    if (['StepError', 'NonRetriableError', 'RetryAfterError'].includes(error.name) && error.cause !== undefined) {
      return safeError(revive(error.cause));
    }
  }
  return { code: 'internal', message: INTERNAL_ERROR_MESSAGE };
}

function revive(cause: unknown, depth = 0): unknown {
  if (cause instanceof Error) return cause;
  if (typeof cause === 'object' && cause !== null && 'name' in cause && 'message' in cause) {
    const record = cause as { name: unknown; message: unknown; cause?: unknown };
    const revived = new Error(String(record.message), depth < 3 && record.cause !== undefined ? { cause: revive(record.cause, depth + 1) } : undefined);
    revived.name = String(record.name);
    return revived;
  }
  return cause;
}

/**
 * The error a runner hands to Inngest (which stores and displays it): the safe message, with the
 * code in the name so the final StepError can be read back by safeError. Never the raw error.
 */
export function safeWire(error: unknown): Error {
  const safe = safeError(error);
  const wire = new Error(safe.message);
  wire.name = `WorkflowError[${safe.code}]`;
  return wire;
}

// One rule for logged errors, shared with the rest of the app.

const MAX_TEXT_LENGTH = 2_000;

/** A one-line error text for operator-facing columns (outbox.last_error): name and message, SQL parameters redacted. */
export function errorText(error: unknown): string {
  const message = redactSqlParams(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  return message.length > MAX_TEXT_LENGTH ? `${message.slice(0, MAX_TEXT_LENGTH)}…` : message;
}
