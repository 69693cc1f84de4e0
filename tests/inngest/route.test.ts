import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/inngest/route';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const request = (method: string) => new NextRequest('http://localhost:3000/api/inngest', { method });

describe('/api/inngest', () => {
  it('answers 404 in zero-config mode instead of exposing an unsigned endpoint', async () => {
    delete process.env.INNGEST_EVENT_KEY;
    delete process.env.INNGEST_SIGNING_KEY;
    delete process.env.INNGEST_DEV;
    for (const handler of [GET, POST]) {
      const method = handler === GET ? 'GET' : 'POST';
      const response = await handler(request(method));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not_found', message: 'Inngest is not configured; workflows run inline' },
      });
    }
  });

  it('hands requests to the Inngest handler once configured', async () => {
    process.env.INNGEST_DEV = '1';
    const response = await GET(request('GET'));
    expect(response.status).not.toBe(404);
  });
});
