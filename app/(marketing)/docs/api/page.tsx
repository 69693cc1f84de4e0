import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiReference } from '@/components/docs/api-reference';

export const metadata: Metadata = {
  title: 'API reference',
  description: 'The Tessera REST API: authentication, conventions and every endpoint, generated from the same schemas the API validates with.',
};

const SPEC_URL = '/api/v1/openapi.json';

export default function ApiReferencePage() {
  return (
    <div className="mx-auto max-w-6xl px-5 py-12 sm:px-6">
      <header className="max-w-3xl">
        <p className="text-sm font-medium text-muted">Developers</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight">API reference</h1>
        <p className="mt-3 leading-relaxed text-muted">
          Every endpoint under <code>/api/v1</code>, generated from the schemas the API validates requests with, so this page can&apos;t drift from what
          the server accepts. Create a key in your workspace under <strong>Settings → API keys</strong> and send it as{' '}
          <code>Authorization: Bearer tsr_…</code>.
        </p>
        <ul className="mt-4 list-disc space-y-1 pl-5 text-sm leading-relaxed text-muted">
          <li>
            Lists are cursor-paged: <code>?limit=&amp;cursor=</code>, and <code>next_cursor</code> in the body until the last page.
          </li>
          <li>
            Every <code>POST</code> takes an <code>Idempotency-Key</code>: a repeat within 24 h replays the first response; the same key with another body is a
            422.
          </li>
          <li>
            Updates take <code>If-Match</code> with the <code>ETag</code> you read; a stale one gets 412 instead of overwriting someone else&apos;s change.
          </li>
          <li>
            Times are ISO-8601 UTC, money is <code>{'{ amount_minor, currency }'}</code>, crypto quantities are decimal strings. Errors are{' '}
            <code>{'{ "error": { "code", "message", "details" } }'}</code>; rate limits come back as <code>RateLimit-*</code> headers.
          </li>
        </ul>
        <p className="mt-4 text-sm text-muted">
          The machine-readable spec (OpenAPI 3.1) is at{' '}
          <Link className="underline" href={SPEC_URL} prefetch={false}>
            {SPEC_URL}
          </Link>
          .
        </p>
      </header>
      <section aria-label="Endpoints" className="mt-8 overflow-x-auto rounded-lg border border-border bg-white text-black">
        <ApiReference specUrl={SPEC_URL} />
      </section>
    </div>
  );
}
