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

afterAll(async () => {
  await closeDatabase();
});
