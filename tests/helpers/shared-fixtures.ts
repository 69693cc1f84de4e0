import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A file of shared/fixtures/<folder>. shared/ sits beside the repository (CI's clone, /work/main)
 * or a level further up (a worktree under /work/wt); else the verbatim copies in tests/fixtures/shared.
 */
export function sharedFixturePath(folder: string, name: string): string {
  const root = path.resolve(__dirname, '../..');
  const candidates = [...(process.env.TESSERA_SHARED_DIR ? [process.env.TESSERA_SHARED_DIR] : []), path.join(root, '../shared'), path.join(root, '../../shared'), path.join(root, 'tests/fixtures/shared')].map((dir) => path.join(dir, 'fixtures', folder));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`shared/fixtures/${folder} not found beside the repository (looked in ${candidates.join(', ')})`);
  return path.join(found, name);
}

/** A bank statement of shared/fixtures/bank, as bytes (what an upload carries). */
export const bankFixtureBytes = (name: string): Buffer => readFileSync(sharedFixturePath('bank', name));

/** A bank statement of shared/fixtures/bank, decoded as UTF-8. */
export const bankFixture = (name: string): string => bankFixtureBytes(name).toString('utf8');
