import { afterEach, describe, expect, it } from 'vitest';
import { devMailboxEnabled } from '@/lib/email';
import { resetEnvCache } from '@/lib/env';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const base = { RESEND_API_KEY: undefined } as unknown as NodeJS.ProcessEnv;

describe('/dev/mailbox gate', () => {
  it('is open on a development server with the outbox backend', () => {
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'development', APP_ENV: 'development' })).toBe(true);
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'test', APP_ENV: 'test' })).toBe(true);
  });

  it('is closed on a production build (staging with NODE_ENV=production), unless DEV_MAILBOX=1', () => {
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'production', APP_ENV: 'staging' })).toBe(false);
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'production', APP_ENV: 'development' })).toBe(false);
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'production', APP_ENV: 'staging', DEV_MAILBOX: '1' })).toBe(true);
  });

  it('is refused for APP_ENV=production and for a real provider, whatever the flag says', () => {
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'production', APP_ENV: 'production', DEV_MAILBOX: '1' })).toBe(false);
    expect(devMailboxEnabled({ ...base, NODE_ENV: 'development', APP_ENV: 'production' })).toBe(false);
    expect(devMailboxEnabled({ NODE_ENV: 'development', APP_ENV: 'development', RESEND_API_KEY: 're_x', DEV_MAILBOX: '1' })).toBe(false);
  });

  it('the pages answer 404 when it is closed', async () => {
    Object.assign(process.env, { NODE_ENV: 'production', APP_ENV: 'staging' });
    delete process.env.DEV_MAILBOX;
    delete process.env.RESEND_API_KEY;
    resetEnvCache();
    const { default: MailboxPage } = await import('@/app/dev/mailbox/page');
    const { default: MessagePage } = await import('@/app/dev/mailbox/[id]/page');
    const notFound = expect.objectContaining({ digest: expect.stringContaining('404') });
    await expect(MailboxPage({ searchParams: Promise.resolve({}) })).rejects.toEqual(notFound);
    await expect(MessagePage({ params: Promise.resolve({ id: '00000000-0000-0000-0000-000000000000' }) } as never)).rejects.toEqual(notFound);
  });
});
