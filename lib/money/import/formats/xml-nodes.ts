// Reading fast-xml-parser's output (OFX and CAMT): objects of child elements, arrays where the
// parser was told an element repeats, `#text` beside attributes (`@_name`).

export type XmlNode = Record<string, unknown>;

export function node(value: unknown): XmlNode {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : {};
}

/** The element objects of a repeated element (text-only entries dropped). */
export function list(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter((v) => v && typeof v === 'object').map(node) : [];
}

/** A leaf's text, trimmed (CDATA keeps its trailing spaces otherwise); empty → null. */
export function leaf(value: unknown): string | null {
  const raw = typeof value === 'string' ? value : node(value)['#text'];
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  return trimmed || null;
}

/** offset → 1-based line, by binary search over the line starts. */
export function lineFinder(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
