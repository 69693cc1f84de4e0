import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { envSchema } from '@/lib/env/schema';
import { serializeError } from './error-chain';

export type { Logger } from 'pino';

/** Field names whose values never reach the logs, at any of the first few nesting levels. */
const SENSITIVE_KEYS = [
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'clientSecret',
  'totpSecret',
  'apiKey',
  'authorization',
  'cookie',
  'set-cookie',
];
const MAX_DEPTH = 3;

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SENSITIVE_KEYS) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      const prefix = '*.'.repeat(depth);
      paths.push(segment.startsWith('[') ? `${prefix.replace(/\.$/, '')}${segment}` : `${prefix}${segment}`);
    }
  }
  return paths;
}

/**
 * LOG_LEVEL is read on its own rather than through env(): a logger must work even when the
 * rest of the environment is invalid, since that is exactly what it may need to report.
 */
function levelFromEnv(): LevelWithSilent {
  const parsed = envSchema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
  return parsed.success ? parsed.data : 'info';
}

export type LoggerOptions = { level?: LevelWithSilent; destination?: DestinationStream };

/** A fresh logger; the app uses getLogger(). Exposed so tests can capture output. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? levelFromEnv(),
      base: { service: 'tessera' },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // With the cause chain and SQL parameters redacted; an error already made loggable passes as is.
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination,
  );
}

const holder = globalThis as unknown as { __tesseraLogger?: Logger };

function root(): Logger {
  holder.__tesseraLogger ??= createLogger();
  return holder.__tesseraLogger;
}

export function getLogger(bindings?: Record<string, unknown>): Logger {
  return bindings ? root().child(bindings) : root();
}

export function requestLogger(requestId: string): Logger {
  return root().child({ requestId });
}
