import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ImportFileError } from '../statement';
import type { CsvEncoding } from './mapping';

// Bank files arrive as bytes in whatever the bank's software wrote: UTF-8 (with or without BOM),
// UTF-16 from Excel, or a Western/Central European code page. BOM first, then strict UTF-8, then
// chardet's guess among the code pages we accept.

const CHARDET_TO_ENCODING: Record<string, CsvEncoding> = {
  'windows-1252': 'windows-1252',
  'windows-1250': 'windows-1250',
  'ISO-8859-1': 'iso-8859-1',
  'ISO-8859-2': 'iso-8859-2',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

/** Share of control characters (other than tab, CR, LF, FF) above which a file is binary. */
const CONTROL_SHARE = 0.02;

export function decodeBankFile(bytes: Uint8Array, forced?: CsvEncoding | null): { text: string; encoding: CsvEncoding } {
  if (bytes.length === 0) throw new ImportFileError('The file is empty.', 'empty');
  const { encoding, offset } = forced ? { encoding: forced, offset: bomLength(bytes, forced) } : detectEncoding(bytes);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + offset, bytes.length - offset), encoding).replace(/^\uFEFF/, '');
  if (/\0/.test(text) || controlShare(text) > CONTROL_SHARE) {
    throw new ImportFileError('This is not a text file (it looks like a binary file, such as an image or a spreadsheet): export the statement as CSV.', 'binary');
  }
  if (text.trim() === '') throw new ImportFileError('The file is empty.', 'empty');
  return { text, encoding };
}

function bomLength(bytes: Uint8Array, encoding: CsvEncoding): number {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
  return 0;
}

function detectEncoding(bytes: Uint8Array): { encoding: CsvEncoding; offset: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', offset: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', offset: 2 };

  if (bytes.includes(0)) {
    // NULs are only text in UTF-16 (every other byte of ASCII); anything else is binary.
    const utf16 = utf16Guess(bytes);
    if (utf16) return { encoding: utf16, offset: 0 };
    throw new ImportFileError('This is not a text file (it looks like a binary file, such as an image or a spreadsheet): export the statement as CSV.', 'binary');
  }
  if (isUtf8(bytes)) return { encoding: 'utf-8', offset: 0 };

  const sample = bytes.subarray(0, 64 * 1024);
  const guess = chardet
    .analyse(sample)
    .map((match) => CHARDET_TO_ENCODING[match.name])
    .find((name): name is CsvEncoding => name !== undefined && !name.startsWith('utf-16'));
  let encoding: CsvEncoding = guess ?? 'windows-1252';
  // Bytes 0x80–0x9F are control codes in ISO-8859-*, but €, „, “ … in the Windows code pages: a
  // file that has them was written by Windows whatever chardet says.
  if (sample.some((b) => b >= 0x80 && b <= 0x9f)) {
    if (encoding === 'iso-8859-1') encoding = 'windows-1252';
    if (encoding === 'iso-8859-2') encoding = 'windows-1250';
  }
  return { encoding, offset: 0 };
}

/** UTF-16 without a BOM: NULs mostly at odd (LE) or even (BE) offsets, as ASCII text in UTF-16 has. */
function utf16Guess(bytes: Uint8Array): CsvEncoding | null {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs === 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZero++;
    if (bytes[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero / pairs > 0.6 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.6 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  const sample = text.slice(0, 64 * 1024);
  const controls = sample.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls / sample.length;
}
