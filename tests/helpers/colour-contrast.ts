import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Linear-light sRGB channels, 0..1. */
export type Rgb = [number, number, number];
export type Scheme = 'light' | 'dark';

const ROOT = path.resolve(import.meta.dirname, '../..');

function hexToRgb(hex: string): Rgb {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as Rgb;
}

// OKLCH → OKLab → linear sRGB → gamma-encoded sRGB (Björn Ottosson's matrices), clipped to gamut
// as browsers do for Tailwind's palette.
function oklchToRgb(l: number, c: number, hueDegrees: number): Rgb {
  const h = (hueDegrees * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
  return linear.map((v) => {
    const x = Math.min(1, Math.max(0, v));
    return x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
  }) as Rgb;
}

export function parseColour(value: string): Rgb {
  const text = value.trim();
  if (text.startsWith('#')) return hexToRgb(text);
  const oklch = /^oklch\(\s*([\d.]+)%\s+([\d.]+)\s+([\d.]+)\s*\)$/.exec(text);
  if (oklch) return oklchToRgb(Number(oklch[1]) / 100, Number(oklch[2]), Number(oklch[3]));
  throw new Error(`unsupported colour ${value}`);
}

function luminance([r, g, b]: Rgb): number {
  const channel = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2.x contrast ratio, 1..21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` at `alpha` over an opaque `bottom`, as the browser composites it. */
export function over(top: Rgb, alpha: number, bottom: Rgb): Rgb {
  return top.map((v, i) => v * alpha + bottom[i]! * (1 - alpha)) as Rgb;
}

function declarations(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of css.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) found.set(match[1]!, match[2]!.trim());
  return found;
}

function block(css: string, opening: RegExp): string {
  const start = css.search(opening);
  if (start < 0) throw new Error(`no block ${opening}`);
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) return css.slice(start, i + 1);
  }
  throw new Error(`unclosed block ${opening}`);
}

/**
 * The colours a utility class name such as `bg-amber-600` or `outline-ring/40` resolves to in a
 * scheme: the app's tokens from app/globals.css (light `:root`, dark media block) first, then
 * Tailwind's default palette.
 */
export function themeColours(): (name: string, scheme: Scheme) => Rgb {
  const globals = readFileSync(path.join(ROOT, 'app/globals.css'), 'utf8');
  const palette = declarations(readFileSync(path.join(ROOT, 'node_modules/tailwindcss/theme.css'), 'utf8'));
  const dark = block(globals, /@media \(prefers-color-scheme: dark\)/);
  const light = declarations(block(globals.replace(dark, ''), /:root\s*\{/));
  const darkTokens = new Map([...light, ...declarations(dark)]);
  return (name, scheme) => {
    const tokens = scheme === 'dark' ? darkTokens : light;
    const value = tokens.get(name) ?? palette.get(`color-${name}`);
    if (!value) throw new Error(`unknown colour ${name}`);
    return parseColour(value.startsWith('var(') ? tokens.get(value.slice(6, -1))! : value);
  };
}
