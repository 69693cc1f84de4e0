import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { Adapter, AdapterAccount } from 'next-auth/adapters';
import { withSystem, type Tx } from '@/db/tenant';
import { accounts, users, verificationTokens } from '@/db/schema';

function adapterOn(tx: Tx): Adapter {
  return DrizzleAdapter(tx, { usersTable: users, accountsTable: accounts, verificationTokensTable: verificationTokens });
}

/**
 * Auth.js's Drizzle adapter, with every call in its own system transaction: identity tables are
 * platform data that app_user cannot reach (DESIGN.md §2).
 */
const METHODS = [
  'createUser',
  'getUser',
  'getUserByEmail',
  'getUserByAccount',
  'updateUser',
  'deleteUser',
  'linkAccount',
  'unlinkAccount',
  'getAccount',
  'createVerificationToken',
  'useVerificationToken',
] as const satisfies ReadonlyArray<keyof Adapter>;

export function systemAdapter(): Adapter {
  const adapter: Record<string, unknown> = {};
  for (const method of METHODS) {
    adapter[method] = (...args: unknown[]) =>
      withSystem(`auth: auth adapter ${String(method)}`, (tx) => {
        const fn = adapterOn(tx)[method] as (...a: unknown[]) => Promise<unknown>;
        return fn(...args);
      });
  }
  const link = adapter.linkAccount as NonNullable<Adapter['linkAccount']>;
  // Tessera signs in with an identity and never calls the provider's API: storing its access,
  // refresh and ID tokens would be risk without use.
  adapter.linkAccount = (account: AdapterAccount) =>
    link({ userId: account.userId, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId });
  return adapter as Adapter;
}
