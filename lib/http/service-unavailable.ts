import { NextResponse } from 'next/server';
import { errorBody } from '@/lib/errors/app-error';

/** Seconds a client is asked to wait: about how long the database takes to come back from a restart. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const API_MESSAGE = 'The service is temporarily unavailable. Please retry shortly.';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A short, self-contained page: it has to render when nothing behind the app answers, so no
 * layout, no data and no scripts; the style carries the request's nonce.
 */
function unavailablePage({ requestId, nonce }: { requestId: string; nonce: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Temporarily unavailable · Tessera</title>
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
<h1>Tessera is temporarily unavailable</h1>
<p>We can’t reach our database right now, so we can’t show this page. Nothing you saved is lost. Please try again in a few seconds.</p>
<p><a href="">Try again</a></p>
<p>Reference: <code>${escapeHtml(requestId)}</code></p>
</main>
</body>
</html>`;
}

/** `/api/*` gets the JSON error every API answers with; everything else the page. */
export function serviceUnavailableResponse({ pathname, requestId, nonce }: { pathname: string; requestId: string; nonce: string }): NextResponse {
  const headers = { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
  if (pathname.startsWith('/api/')) {
    return NextResponse.json(errorBody('unavailable', API_MESSAGE), { status: 503, headers });
  }
  return new NextResponse(unavailablePage({ requestId, nonce }), {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  });
}
