import { describe, expect, it } from 'vitest';
import { extractLinks } from '@/lib/email/links';

describe('extractLinks', () => {
  it('finds anchors with their text, then bare URLs in the text part, each once', () => {
    const html = `<p>Welcome</p><a class="btn" href="https://app.test/verify?token=a&amp;b=1"><span>Verify</span> email</a>
      <a href="mailto:help@app.test">Help</a> <a href='http://localhost:3000/x'>x</a>`;
    const text = 'Verify: https://app.test/verify?token=a&b=1. Or see https://app.test/docs.';
    expect(extractLinks(html, text)).toEqual([
      { href: 'https://app.test/verify?token=a&b=1', label: 'Verify email' },
      { href: 'http://localhost:3000/x', label: 'x' },
      { href: 'https://app.test/docs', label: 'https://app.test/docs' },
    ]);
  });

  it('ignores non-http links', () => {
    expect(extractLinks('<a href="javascript:alert(1)">x</a>', '')).toEqual([]);
  });
});
