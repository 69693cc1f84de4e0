function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const REASONS = {
  database: {
    title: 'Tessera is temporarily unavailable',
    message: 'We can’t reach our database right now, so we can’t show this page. Nothing you saved is lost. Please try again in a few seconds.',
  },
  overloaded: {
    title: 'Tessera is busy right now',
    message: 'Too many requests reached this server at once. Nothing you saved is lost. Please try again in a moment.',
  },
} as const;

/**
 * The one 503 page (a database outage, or load shed before Next runs): self-contained, because it
 * has to render when nothing behind the app answers, so no layout, no data and no scripts; the
 * style carries the request's nonce.
 */
export function unavailablePage({
  requestId,
  nonce,
  reason = 'database',
}: {
  requestId: string;
  nonce: string;
  reason?: keyof typeof REASONS;
}): string {
  const { title, message } = REASONS[reason];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · 503</title>
<style nonce="${escapeHtml(nonce)}">
body{margin:0;min-height:100vh;display:grid;place-items:center;font:16px/1.5 system-ui,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:32rem;padding:2rem}
p.eyebrow{font-size:.875rem;font-weight:600;color:#475569;margin:0 0 .5rem}
h1{font-size:1.5rem;margin:0 0 .75rem}
a{color:#1d4ed8}
code{font-family:ui-monospace,monospace;font-size:.875rem}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}p.eyebrow{color:#94a3b8}a{color:#93c5fd}}
</style>
</head>
<body>
<main>
<p class="eyebrow">503 · Service unavailable</p>
<h1>${title}</h1>
<p>${message}</p>
<p><a href="">Try again</a></p>
<p>Reference: <code>${escapeHtml(requestId)}</code></p>
</main>
</body>
</html>`;
}
