export type EmailLink = { href: string; label: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/**
 * The http(s) links of an email, anchors first (with their text) and then bare URLs from the text
 * part, each once: the dev mailbox shows them so a person or an e2e test can follow them.
 */
export function extractLinks(html: string, text = ''): EmailLink[] {
  const links = new Map<string, string>();
  for (const match of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = decode(match[2] ?? '').trim();
    const label = decode((match[3] ?? '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
    if (/^https?:\/\//i.test(href) && !links.has(href)) links.set(href, label || href);
  }
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) {
    const href = match[0].replace(/[.,;:!?]+$/, '');
    if (!links.has(href)) links.set(href, href);
  }
  return [...links].map(([href, label]) => ({ href, label }));
}
