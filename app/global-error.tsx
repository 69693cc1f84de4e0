'use client';

import type { CSSProperties } from 'react';

// Replaces the root layout when it fails, so global CSS may be missing: inline styles only.
const page: CSSProperties = {
  minHeight: '100vh',
  margin: 0,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: 24,
  background: '#f5f6f8',
  color: '#0b1220',
  fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
};
const card: CSSProperties = {
  maxWidth: 420,
  width: '100%',
  background: '#fff',
  border: '1px solid #e3e6ec',
  borderRadius: 16,
  padding: 32,
  textAlign: 'center',
  boxShadow: '0 1px 3px rgba(16,24,40,.08)',
};
const button: CSSProperties = {
  marginTop: 24,
  height: 40,
  padding: '0 16px',
  border: 0,
  borderRadius: 8,
  background: '#111827',
  color: '#fff',
  fontSize: 14,
  fontWeight: 500,
  cursor: 'pointer',
};

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;
  return (
    <html lang="en">
      <body style={page}>
        <title>Something went wrong · Tessera</title>
        <main style={card}>
          <h1 style={{ fontSize: 22, margin: 0 }}>Tessera couldn’t load</h1>
          <p style={{ color: '#566072', fontSize: 14, lineHeight: 1.6, marginTop: 12 }}>
            Something failed before the page could start. Your data is safe. Try again in a moment; if it keeps happening, contact
            support{digest ? ' and quote the reference below' : ''}.
          </p>
          <button type="button" style={button} onClick={() => retry()}>
            Try again
          </button>
          {digest ? <p style={{ color: '#566072', fontSize: 12, marginTop: 20 }}>Reference: {digest}</p> : null}
        </main>
      </body>
    </html>
  );
}
