import { apiRoute } from '@/lib/api/route';
import { uploadBody, uploadTarget } from '@/lib/api/bots';
import { candleUploadTarget } from '@/lib/bots/backtest/backtests';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/backtests/uploads',
    summary: 'Upload candles for a backtest',
    description:
      'Step 1 of a backtest on your own candles: returns where to upload the file (send it with the given method and headers within the hour), then start the backtest with `source: { kind: "upload", key, name }`. The file is checked whole when the backtest is created.',
    tags: ['Bots'],
    scope: 'bots:write',
    body: uploadBody,
    response: uploadTarget,
    status: 201,
  },
  async ({ access, body }) => {
    const { key, target } = await candleUploadTarget(access.ctx, body.size);
    return { key, url: target.url, method: target.method, headers: target.headers, expires_at: target.expiresAt.toISOString() };
  },
);
