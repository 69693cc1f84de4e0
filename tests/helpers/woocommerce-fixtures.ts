import { readFileSync } from 'node:fs';
import { sharedFixturePath } from './shared-fixtures';

// The recorded WooCommerce Subscriptions REST objects in shared/fixtures/woocommerce.

/** A fixture's bytes exactly as recorded (what a signature is computed over). */
export function wooFixtureBytes(name: string): Buffer {
  return readFileSync(sharedFixturePath('woocommerce', `_subscriptions.md.${name}.json`));
}

export function wooFixture(name: string): Record<string, unknown> {
  return JSON.parse(wooFixtureBytes(name).toString('utf8')) as Record<string, unknown>;
}
