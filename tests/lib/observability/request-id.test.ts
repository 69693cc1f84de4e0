import { describe, expect, it } from 'vitest';
import {
  currentRequestId,
  isValidRequestId,
  newRequestId,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from '@/lib/observability/request-id';

describe('request ids', () => {
  it('uses the x-request-id header', () => {
    expect(REQUEST_ID_HEADER).toBe('x-request-id');
  });

  it('generates distinct UUIDs', () => {
    const a = newRequestId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRequestId()).not.toBe(a);
  });

  it('keeps a well-formed incoming id and replaces a missing or hostile one', () => {
    expect(requestIdFrom(new Headers({ 'x-request-id': 'edge-abc12345' }))).toBe('edge-abc12345');
    expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = requestIdFrom(new Headers({ 'x-request-id': '{"level":"fatal"} <script>' }));
    expect(hostile).toMatch(/^[0-9a-f-]{36}$/);
    expect(isValidRequestId('a'.repeat(200))).toBe(false);
  });

  it('reports no current request id outside a request', async () => {
    await expect(currentRequestId()).resolves.toBeUndefined();
  });
});
