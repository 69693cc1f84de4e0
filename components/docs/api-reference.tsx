'use client';

import { useEffect, useRef, useState } from 'react';
import './api-reference.css';

type SwaggerUIBundle = (options: Record<string, unknown>) => unknown;
declare global {
  interface Window {
    SwaggerUIBundle?: SwaggerUIBundle;
  }
}

const ASSETS = '/docs/api/assets';

function loadRenderer(): Promise<SwaggerUIBundle> {
  if (window.SwaggerUIBundle) return Promise.resolve(window.SwaggerUIBundle);
  if (!document.querySelector(`link[href="${ASSETS}/swagger-ui.css"]`)) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${ASSETS}/swagger-ui.css`;
    document.head.append(css);
  }
  return new Promise((resolve, reject) => {
    // Added by this (nonce-trusted) bundle, so the CSP's 'strict-dynamic' lets it run.
    const script = document.createElement('script');
    script.src = `${ASSETS}/swagger-ui-bundle.js`;
    script.async = true;
    script.onload = () => (window.SwaggerUIBundle ? resolve(window.SwaggerUIBundle) : reject(new Error('renderer missing')));
    script.onerror = () => reject(new Error('renderer failed to load'));
    document.head.append(script);
  });
}

/** The API reference, rendered by Swagger UI from the live spec at /api/v1/openapi.json. */
export function ApiReference({ specUrl }: { specUrl: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadRenderer()
      .then((render) => {
        if (cancelled || !node.current) return;
        render({
          url: specUrl,
          domNode: node.current,
          // Deep links put an anchor inside each operation's toggle button (nested controls).
          deepLinking: false,
          docExpansion: 'list',
          defaultModelsExpandDepth: 0,
          displayRequestDuration: true,
          persistAuthorization: false,
          // The public validator would be a call to a third party.
          validatorUrl: null,
          onComplete: () => node.current?.querySelector('select#servers')?.setAttribute('aria-label', 'Server'),
        });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [specUrl]);

  if (failed) {
    return (
      <p role="alert" className="rounded-md border border-border bg-surface-muted p-4 text-sm">
        The reference viewer didn&apos;t load. The spec itself is at{' '}
        <a className="underline" href={specUrl}>
          {specUrl}
        </a>
        .
      </p>
    );
  }
  return <div ref={node} className="api-reference min-h-96" data-testid="api-reference" />;
}
