import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, getLogger, requestLogger } from '@/lib/observability/logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logger', () => {
  it('writes JSON lines tagged with the service and a level name', () => {
    const { lines, logger } = capture();
    logger.info({ workspace: 'acme' }, 'hello');
    expect(lines[0]).toMatchObject({ service: 'tessera', level: 'info', msg: 'hello', workspace: 'acme' });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it('redacts secrets at the top level and nested', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2',
        user: { email: 'a@b.c', token: 'tok' },
        request: { headers: { authorization: 'Bearer x', cookie: 'sid=1', 'set-cookie': 'sid=2' } },
        apiKey: 'tk_live_1',
        secret: 's',
      },
      'sensitive',
    );
    const text = JSON.stringify(lines[0]);
    for (const leaked of ['hunter2', '"tok"', 'Bearer x', 'sid=1', 'sid=2', 'tk_live_1', '"s"']) {
      expect(text).not.toContain(leaked);
    }
    expect(lines[0]).toMatchObject({ user: { email: 'a@b.c', token: '[redacted]' }, password: '[redacted]' });
  });

  it('respects the level', () => {
    const { lines, logger } = capture();
    logger.debug('hidden');
    expect(lines).toHaveLength(0);
  });

  it('binds the request id for request-scoped logging', () => {
    expect(requestLogger('req-1234abcd').bindings()).toMatchObject({ requestId: 'req-1234abcd' });
    expect(getLogger({ component: 'test' }).bindings()).toMatchObject({ component: 'test' });
  });
});
