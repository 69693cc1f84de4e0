// Draws the Tessera mark (four product tiles on an ink square) into PNG/ICO files with only
// node:zlib, so the icons can be regenerated without an image toolchain or network access.
// Usage: node scripts/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const INK = [17, 24, 39];
const TILES = [
  [124, 58, 237], // bots
  [217, 119, 6], // journal
  [5, 150, 105], // money
  [2, 132, 199], // pricing
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedRect(px, py, { x, y, w, h, r }) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/**
 * @param {number} size pixels
 * @param {{ bleed: boolean, markScale: number }} opts bleed = square background to the edges
 *   (maskable / apple touch, where the platform crops); markScale = share of the icon the tiles cover.
 */
function drawIcon(size, { bleed, markScale }) {
  const shapes = [];
  shapes.push({ rect: { x: 0, y: 0, w: size, h: size, r: bleed ? 0 : size * 0.22 }, color: INK });
  const mark = size * markScale;
  const gap = mark * 0.08;
  const tile = (mark - gap) / 2;
  const origin = (size - mark) / 2;
  TILES.forEach((color, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    shapes.push({
      rect: { x: origin + col * (tile + gap), y: origin + row * (tile + gap), w: tile, h: tile, r: tile * 0.27 },
      color,
    });
  });

  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4; // 4x4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let hit = null;
          for (const shape of shapes) if (insideRoundedRect(x, y, shape.rect)) hit = shape.color;
          if (hit) {
            r += hit[0];
            g += hit[1];
            b += hit[2];
            a += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        rgba[offset] = Math.round(r / a);
        rgba[offset + 1] = Math.round(g / a);
        rgba[offset + 2] = Math.round(b / a);
      }
      rgba[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return encodePng(size, rgba);
}

// ICO may embed PNG data directly (Vista+), which every current browser reads.
function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + pngs.length * 16;
  for (const { size, data } of pngs) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

function write(relative, data) {
  const file = join(root, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`${relative} (${data.length} bytes)`);
}

write('public/icons/icon-192.png', drawIcon(192, { bleed: false, markScale: 0.6 }));
write('public/icons/icon-512.png', drawIcon(512, { bleed: false, markScale: 0.6 }));
// Maskable icons keep the mark inside the 80% safe circle because launchers crop to any shape.
write('public/icons/maskable-192.png', drawIcon(192, { bleed: true, markScale: 0.5 }));
write('public/icons/maskable-512.png', drawIcon(512, { bleed: true, markScale: 0.5 }));
write('public/icons/apple-touch-icon.png', drawIcon(180, { bleed: true, markScale: 0.56 }));
write('app/apple-icon.png', drawIcon(180, { bleed: true, markScale: 0.56 }));
write(
  'app/favicon.ico',
  encodeIco([
    { size: 16, data: drawIcon(16, { bleed: false, markScale: 0.7 }) },
    { size: 32, data: drawIcon(32, { bleed: false, markScale: 0.66 }) },
    { size: 48, data: drawIcon(48, { bleed: false, markScale: 0.64 }) },
  ]),
);
