import { describe, expect, it } from 'vitest';
import { contentDisposition } from '@/lib/storage/content-disposition';

describe('contentDisposition', () => {
  it('keeps a plain name as it is', () => {
    expect(contentDisposition('export-2026-12-02.zip')).toBe(`attachment; filename="export-2026-12-02.zip"; filename*=UTF-8''export-2026-12-02.zip`);
  });

  it('cannot be broken out of by quotes, backslashes or line breaks', () => {
    const header = contentDisposition('a"; filename="evil.html\r\nSet-Cookie: x=1\\.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="a_; filename=_evil.html__Set-Cookie: x=1_.txt"; ')).toBe(true);
    expect(header).toContain(`filename*=UTF-8''a%22%3B%20filename%3D%22evil.html%0D%0ASet-Cookie%3A%20x%3D1%5C.txt`);
  });

  it("gives non-ASCII names an ASCII fallback and the exact name in RFC 5987 form", () => {
    expect(contentDisposition('Übersicht (März).pdf')).toBe(`attachment; filename="_bersicht (M_rz).pdf"; filename*=UTF-8''%C3%9Cbersicht%20%28M%C3%A4rz%29.pdf`);
  });
});
