import { describe, expect, it } from 'vitest';
import { OFFLINE_DOCUMENT } from '@/lib/pwa/offline-document';

// The service worker replays this document with whatever CSP nonce it was cached under, so it
// must work with no script at all.
describe('offline document', () => {
  it('carries no script and no inline event handler', () => {
    expect(OFFLINE_DOCUMENT).not.toMatch(/<script/i);
    expect(OFFLINE_DOCUMENT).not.toMatch(/\son[a-z]+=/i);
  });

  it('"Try again" is a link to the page itself, so it retries the address being opened', () => {
    expect(OFFLINE_DOCUMENT).toMatch(/<a class="button primary" href="">Try again<\/a>/);
  });

  it('loads nothing that is not precached', () => {
    const urls = [...OFFLINE_DOCUMENT.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls.filter((url) => url !== '' && url !== '/' && url !== '/icon.svg')).toEqual([]);
  });
});
