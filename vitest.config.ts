import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/per-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one core idle, which on a 2-core machine runs the files one at a
    // time: 316 s for `npm test` on a bare machine, 214 s with two forks (each file has its own
    // PGlite). Against the shared Postgres server two forks also took 127 s but once tripped a
    // timing-sensitive test, so runs with DATABASE_URL keep the default.
    maxWorkers: process.env.DATABASE_URL ? undefined : 2,
    // next-auth imports 'next/server' without an extension, which Node's ESM resolver refuses;
    // inlining lets Vite resolve it.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
  },
});
