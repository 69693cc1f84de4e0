import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffMs, defineWorkflow, type AnyWorkflow } from '@/lib/jobs/define-workflow';
import { inngestDuration, inngestFlowControl } from '@/lib/jobs/inngest-options';
import { evaluateKey, keyFields, keyToCel } from '@/lib/jobs/workflow-key';

const payload = z.object({ tenantId: z.string(), storeId: z.string(), count: z.number() });
const noop = async () => null;

describe('workflow keys: one form, evaluated alike by both runners', () => {
  it('a field compiles to event.data.<field>; several join with "-" in CEL and in JS', () => {
    expect(keyToCel(keyFields('tenantId', 't'))).toBe('event.data.tenantId');
    const fields = keyFields(['tenantId', 'storeId'], 't');
    expect(keyToCel(fields)).toBe('event.data.tenantId + "-" + event.data.storeId');
    expect(evaluateKey(fields, { tenantId: 'acme', storeId: 's1', other: 1 })).toBe('acme-s1');
  });

  it('refuses fields that would not be a plain CEL identifier, and values that are not strings', () => {
    expect(() => keyFields('data.tenantId', 't')).toThrow(/identifier/);
    expect(() => keyFields('a" || true', 't')).toThrow(/identifier/);
    expect(() => keyFields([] as unknown as string[], 't')).toThrow(/at least one/);
    expect(() => evaluateKey(['count'], { count: 3 })).toThrow(/not a string/);
  });
});

describe('defineWorkflow', () => {
  it('normalises its options: keys as field lists, durations in ms, defaults', () => {
    const w = defineWorkflow(
      {
        id: 'store-optimise',
        trigger: { event: 'pricing/store.optimise-requested' },
        schema: payload,
        concurrency: { limit: 1, key: 'storeId' },
        throttle: { limit: 10, period: '1m', key: ['tenantId'] },
        idempotency: ['storeId', 'tenantId'],
        backoff: { initial: '2s', max: '1m' },
        timeout: '15m',
      },
      noop,
    );
    expect(w).toMatchObject({
      id: 'store-optimise',
      name: 'store-optimise',
      event: 'pricing/store.optimise-requested',
      cron: null,
      concurrency: { limit: 1, key: ['storeId'] },
      throttle: { limit: 10, period: '1m', periodMs: 60_000, key: ['tenantId'] },
      idempotency: ['storeId', 'tenantId'],
      retries: 3,
      backoff: { initialMs: 2_000, maxMs: 60_000 },
      timeoutMs: 900_000,
    });
    expect([0, 1, 2, 5, 10].map((retry) => backoffMs(w.backoff, retry))).toEqual([2_000, 4_000, 8_000, 60_000, 60_000]);
  });

  it('a cron workflow takes no payload and runs one at a time by default', () => {
    const w = defineWorkflow({ id: 'bots-tick', trigger: { cron: 'TZ=UTC * * * * *' } }, noop);
    expect(w).toMatchObject({
      event: null,
      cron: 'TZ=UTC * * * * *',
      concurrency: { limit: 1, key: null },
      throttle: null,
      idempotency: null,
    });
    expect(w.schema.parse({})).toEqual({});
  });

  it('rejects what either runner could not honour', () => {
    const bad: Array<[string, () => unknown]> = [
      ['id', () => defineWorkflow({ id: 'Not Kebab', trigger: { cron: 'TZ=UTC * * * * *' } }, noop)],
      ['event', () => defineWorkflow({ id: 'a', trigger: { event: 'nope' }, schema: payload }, noop)],
      ['schema', () => defineWorkflow({ id: 'a', trigger: { event: 'a/b.c' } }, noop)],
      ['cron', () => defineWorkflow({ id: 'a', trigger: { cron: '61 * * * *' } }, noop)],
      ['cron zone', () => defineWorkflow({ id: 'a', trigger: { cron: '* * * * *' } }, noop)],
      ['retries', () => defineWorkflow({ id: 'a', trigger: { cron: 'TZ=UTC * * * * *' }, retries: 21 }, noop)],
      ['concurrency', () => defineWorkflow({ id: 'a', trigger: { cron: 'TZ=UTC * * * * *' }, concurrency: { limit: 0 } }, noop)],
      [
        'throttle period',
        () => defineWorkflow({ id: 'a', trigger: { event: 'a/b.c' }, schema: payload, throttle: { limit: 1, period: '500ms' } }, noop),
      ],
      ['timeout', () => defineWorkflow({ id: 'a', trigger: { cron: 'TZ=UTC * * * * *' }, timeout: 'soon' }, noop)],
      ['backoff', () => defineWorkflow({ id: 'a', trigger: { cron: 'TZ=UTC * * * * *' }, backoff: { initial: '1m', max: '1s' } }, noop)],
    ];
    for (const [what, define] of bad) expect(define, what).toThrow();
  });

  it('only string payload fields can be keys (type level)', () => {
    defineWorkflow(
      // @ts-expect-error count is a number: its CEL and JS joins would differ
      { id: 'typed-keys', trigger: { event: 'a/b.c' }, schema: payload, idempotency: 'count' },
      noop,
    );
  });
});

describe('Inngest flow control compiled from a workflow', () => {
  it('maps every option; leaves out what is not set', () => {
    const w = defineWorkflow(
      {
        id: 'webhook-deliver',
        trigger: { event: 'webhooks/delivery.requested' },
        schema: payload,
        concurrency: { limit: 5 },
        throttle: { limit: 100, period: '1m', key: 'tenantId' },
        idempotency: 'storeId',
        retries: 20,
        timeout: 90_500,
      },
      noop,
    );
    expect(inngestFlowControl(w as unknown as AnyWorkflow)).toEqual({
      retries: 20,
      concurrency: { limit: 5 },
      throttle: { limit: 100, period: '1m', key: 'event.data.tenantId' },
      idempotency: 'event.data.storeId',
      timeouts: { finish: '91s' },
    });
    const plain = defineWorkflow({ id: 'plain', trigger: { event: 'a/b.c' }, schema: payload, retries: 0 }, noop);
    expect(inngestFlowControl(plain as unknown as AnyWorkflow)).toEqual({ retries: 0 });
    expect(inngestDuration(1)).toBe('1s');
  });
});
