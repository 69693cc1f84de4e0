/**
 * An error as one log field: type, message and stack, and each cause the same way, nested. The
 * logger's `err`/`error` serializers use it, so every logged error carries its cause chain.
 */
export type LoggableError = {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: LoggableError;
};

const MAX_CAUSES = 5;

/** Drizzle: "Failed query: <sql>\nparams: <values>". The SQL helps; the values may be personal data. */
export function redactSqlParams(text: string): string {
  return text.replace(/(\n\s*params:)[\s\S]*$/, '$1 [redacted]');
}

/**
 * The raw error for the log, with SQL parameters stripped from the message and stack, and a
 * Postgres error's `detail` (which quotes row values: "Key (email)=(…) already exists") left out.
 * Auth.js errors keep their real error in `cause.err`, say only "Read more at
 * https://errors.authjs.dev#…" and have a minified class name; their `type` survives.
 */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: redactSqlParams(String(error)) };
  const named = error as Error & { type?: unknown; code?: unknown };
  const type = typeof named.type === 'string' ? named.type : error.name;
  const message = redactSqlParams(error.message.replace(/\.?\s*Read more at https:\/\/errors\.authjs\.dev\S*\s*$/, '')) || type;
  const stack = error.stack ? error.stack.replace(error.message, message) : undefined;
  const wrapped = error.cause as { err?: unknown } | undefined;
  const cause = wrapped && typeof wrapped === 'object' && !(wrapped instanceof Error) && wrapped.err !== undefined ? wrapped.err : error.cause;
  return {
    type,
    message,
    ...(stack ? { stack } : {}),
    ...(typeof named.code === 'string' ? { code: named.code } : {}),
    ...(cause !== undefined && depth < MAX_CAUSES ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}

/** For the logger: an Error becomes its chain; anything else (an already loggable one) passes as is. */
export function serializeError(value: unknown): unknown {
  return value instanceof Error ? loggableError(value) : value;
}
