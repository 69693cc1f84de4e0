import { Writable } from 'node:stream';
import { createLogger } from '@/lib/observability/logger';

const holder = globalThis as unknown as { __tesseraLogger?: unknown };

/** Points the app's logger (getLogger) at an array for the test; `restore()` puts the old one back. */
export function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const previous = holder.__tesseraLogger;
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  holder.__tesseraLogger = createLogger({ level: 'debug', destination });
  return {
    lines,
    messages: (msg: string) => lines.filter((line) => line.msg === msg),
    restore() {
      holder.__tesseraLogger = previous;
    },
  };
}
