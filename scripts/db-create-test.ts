// Creates a fresh Postgres database with roles and migrations, for test runs and CI.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres tsx scripts/db-create-test.ts [name]
import { createFreshDatabase } from '@/db/testing/fresh-database';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('DATABASE_URL must point at a Postgres server (any database on it).');
  process.exit(1);
}
const url = await createFreshDatabase(base, process.argv[2]);
console.log(url);
