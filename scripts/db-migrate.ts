// Applies drizzle/ migrations to DATABASE_URL (or the zero-config PGlite directory).
import { closeDatabase, databaseHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';

const handle = await databaseHandle();
if (handle.driver === 'postgres') await runMigrations(handle.db, 'postgres');
console.log(`migrations applied (${handle.describe})`);
await closeDatabase();
