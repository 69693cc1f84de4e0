// Which structured bank format a file is, from its first 2 KB, before any parser runs. null means
// none of them (most likely CSV, which has its own detection).

export type StructuredFormat = 'ofx' | 'qfx' | 'qif' | 'camt053' | 'mt940';

export function sniffStructuredFormat(text: string): StructuredFormat | null {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '');
  if (/^\s*OFXHEADER\s*[:=]|<\?OFX\s|<OFX>/im.test(head)) return /<INTU\.BID>/i.test(head) ? 'qfx' : 'ofx';
  if (/^\s*!(Type:|Account\b|Option:|Clear:)/i.test(head)) return 'qif';
  if (/<(?:[\w.-]+:)?Document[\s>]/.test(head) && /camt\.053|BkToCstmrStmt/.test(head)) return 'camt053';
  if (/^:20:/m.test(head) && /^:25:/m.test(head)) return 'mt940';
  return null;
}
