import { afterAll, inject } from 'vitest';
import { closeDatabase } from '@/db/client';

const url = inject('databaseUrl');
if (url) process.env.DATABASE_URL = url;
else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = 'memory://';
  const template = inject('pgliteTemplate');
  if (template) process.env.PGLITE_TEMPLATE = template;
}
process.env.LOG_LEVEL ??= 'silent';
// Tests play one trusted proxy so each can choose its client IP with X-Forwarded-For (the
// production default is the socket address: lib/http/client-ip.ts).
process.env.CLIENT_IP_SOURCE ??= 'xff';
process.env.TRUSTED_PROXY_HOPS ??= '1';

afterAll(async () => {
  await closeDatabase();
});
