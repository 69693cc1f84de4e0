/** Thrown by a workflow (or its payload check) when retrying cannot help: the run fails at once. */
export class NonRetriableWorkflowError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetriableWorkflowError';
  }
}

const MAX_ERROR_LENGTH = 2_000;

/** The message only: stacks stay in the logs, the job_runs row is shown to workspace members. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}
