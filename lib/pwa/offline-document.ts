/**
 * The offline page as one self-contained HTML document. The service worker replays it for any
 * navigation while the network is down, so it carries no script at all: the CSP allows scripts
 * only with the per-request nonce (and 'strict-dynamic' ignores 'self'), which a cached copy
 * can never have. "Try again" is a link to the page's own address (`href=""`), which works
 * without JavaScript and retries whichever URL the person was opening. Styles are inline
 * (style-src allows them) because the app's stylesheet has a hashed, per-build name.
 */
export const OFFLINE_DOCUMENT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Offline · Tessera</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>
:root{--bg:#f5f6f8;--surface:#fff;--fg:#0b1220;--muted:#566072;--border:#e3e6ec;--border-strong:#cdd2db;--primary:#111827;--primary-fg:#fff;--accent:#4f46e5;--ring:#4f46e5;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--bg:#161d2a;--surface:#111723;--fg:#e8ecf3;--muted:#9aa4b5;--border:#242e40;--border-strong:#334157;--primary:#eef1f6;--primary-fg:#0b0f17;--accent:#8f96ff;--ring:#8f96ff;color-scheme:dark}}
*{box-sizing:border-box}
body{margin:0;min-height:100dvh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:4rem 1.5rem;background:var(--bg);color:var(--fg);font:14px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;-webkit-font-smoothing:antialiased}
main{display:flex;flex-direction:column;align-items:center;width:100%}
a{color:inherit}
a:focus-visible{outline:2px solid var(--ring);outline-offset:2px}
.brand{display:inline-flex;align-items:center;gap:.5rem;margin-bottom:2.5rem;font-size:1rem;font-weight:600;letter-spacing:-.01em;text-decoration:none;border-radius:.375rem}
.brand svg{width:1.75rem;height:1.75rem}
.card{width:100%;max-width:28rem;padding:2rem;border:1px solid var(--border);border-radius:1rem;background:var(--surface);text-align:center;box-shadow:0 1px 2px rgb(0 0 0/.06)}
.icon{display:flex;align-items:center;justify-content:center;width:3rem;height:3rem;margin:0 auto 1.25rem;border:1px solid var(--border);border-radius:.75rem;background:var(--bg);color:var(--muted)}
.icon svg{width:1.5rem;height:1.5rem}
.eyebrow{margin:0;font-weight:600;color:var(--accent)}
h1{margin:.25rem 0 0;font-size:1.5rem;line-height:1.3;font-weight:600;letter-spacing:-.02em;text-wrap:balance}
.text{margin:.75rem 0 0;color:var(--muted)}
.actions{display:flex;flex-direction:column;gap:.5rem;justify-content:center;margin-top:1.75rem}
@media (min-width:640px){.actions{flex-direction:row}}
.button{display:inline-flex;align-items:center;justify-content:center;height:2.5rem;padding:0 1rem;border-radius:.5rem;font-weight:500;text-decoration:none;white-space:nowrap}
.primary{background:var(--primary);color:var(--primary-fg)}
.secondary{border:1px solid var(--border-strong);background:var(--surface);color:var(--fg)}
.footnote{max-width:28rem;margin:1.5rem 0 0;text-align:center;font-size:.75rem;color:var(--muted)}
</style>
</head>
<body>
<main>
<a class="brand" href="/"><svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect x="2" y="2" width="13" height="13" rx="3.5" fill="#7c3aed"/><rect x="17" y="2" width="13" height="13" rx="3.5" fill="#d97706"/><rect x="2" y="17" width="13" height="13" rx="3.5" fill="#059669"/><rect x="17" y="17" width="13" height="13" rx="3.5" fill="#0284c7"/></svg>Tessera</a>
<div class="card">
<div class="icon"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M2 8.8a15 15 0 0 1 20 0M5 12.4a10 10 0 0 1 14 0M8.5 15.9a5 5 0 0 1 7 0"/><path d="M12 19.5h.01"/><path d="m3 3 18 18"/></svg></div>
<p class="eyebrow">Offline</p>
<h1>You’re not connected</h1>
<p class="text">Tessera needs a connection to show your workspaces, so nothing here is stored on this device. Check your connection, then try again.</p>
<div class="actions">
<a class="button primary" href="">Try again</a>
<a class="button secondary" href="/">Go to the home page</a>
</div>
</div>
<p class="footnote">Changes you were making when the connection dropped may not have been saved. Check them once you are back online.</p>
</main>
</body>
</html>
`;
