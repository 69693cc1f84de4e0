import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The recorded WooCommerce Subscriptions REST objects in shared/fixtures/woocommerce. shared/ sits
 * beside the repository (CI's clone, /work/main) or a level further up (a worktree under /work/wt).
 */
function fixturesDir(): string {
  const root = path.resolve(__dirname, '../..');
  const candidates = [path.join(root, '../shared'), path.join(root, '../../shared'), path.join(root, 'tests/fixtures/shared')].map((dir) => path.join(dir, 'fixtures/woocommerce'));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`shared/fixtures/woocommerce not found beside the repository (looked in ${candidates.join(', ')})`);
  return found;
}

/** A fixture's bytes exactly as recorded (what a signature is computed over). */
export function wooFixtureBytes(name: string): Buffer {
  return readFileSync(path.join(fixturesDir(), `_subscriptions.md.${name}.json`));
}

export function wooFixture(name: string): Record<string, unknown> {
  return JSON.parse(wooFixtureBytes(name).toString('utf8')) as Record<string, unknown>;
}
