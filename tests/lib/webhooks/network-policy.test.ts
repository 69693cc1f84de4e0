import { describe, expect, it } from 'vitest';
import { addressRefusal, resolveWebhookTarget } from '@/lib/webhooks/network-policy';

const strict = { allowPrivate: false, requireHttps: true };

describe('webhook SSRF policy', () => {
  it.each(['10.1.2.3', '127.0.0.1', '169.254.169.254', '::1', 'fc00::1', 'fd12::5', '100.64.0.1', '::ffff:10.0.0.1'])('refuses %s', (address) => {
    expect(addressRefusal(address, strict)).not.toBeNull();
  });

  it('allows loopback only with the development setting, never link-local', () => {
    expect(addressRefusal('127.0.0.1', { allowPrivate: true })).toBeNull();
    expect(addressRefusal('169.254.169.254', { allowPrivate: true })).not.toBeNull();
    expect(addressRefusal('93.184.216.34', strict)).toBeNull();
  });

  it('refuses a hostname resolving to a private address and pins the checked one', async () => {
    await expect(resolveWebhookTarget('https://evil.example/hook', strict, async () => [{ address: '10.0.0.5', family: 4 }])).rejects.toThrow(/refused/);
    const target = await resolveWebhookTarget('https://ok.example/hook', strict, async () => [{ address: '93.184.216.34', family: 4 }]);
    expect(target.address).toBe('93.184.216.34');
    await expect(resolveWebhookTarget('http://ok.example/hook', strict, async () => [{ address: '93.184.216.34', family: 4 }])).rejects.toThrow(/https/);
  });
});
