import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'next-env.d.ts']),
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // The raw driver is private to db/ (DESIGN.md §1); tests/lib/db-boundary.test.ts checks it too.
    files: ['app/**', 'lib/**', 'components/**', 'inngest/**', 'middleware.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'postgres', message: 'Only db/ touches the driver.' },
        { name: '@electric-sql/pglite', message: 'Only db/ touches the driver.' },
        { name: '@/db/client', message: 'Use withTenant/withSystem from @/db/tenant.' },
      ] }],
    },
  },
]);
