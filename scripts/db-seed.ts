// Seeds the demo user and workspaces into an empty database (DATABASE_URL or zero-config PGlite).
import { closeDatabase } from '@/db/client';
import { seedDemoIfEmpty } from '@/lib/demo/seed';

const result = await seedDemoIfEmpty();
process.stdout.write(
  result.seeded
    ? `Seeded. Sign in as ${result.email} / ${result.password} (workspaces: ${result.workspaces.join(', ')})\n`
    : 'The database already has users; nothing seeded.\n',
);
await closeDatabase();
