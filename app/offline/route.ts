import { OFFLINE_DOCUMENT } from '@/lib/pwa/offline-document';

// Built once: public/sw.js precaches it, so it must not depend on the session or the database.
export const dynamic = 'force-static';

export function GET() {
  return new Response(OFFLINE_DOCUMENT, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
