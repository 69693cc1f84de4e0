import { pgRole } from 'drizzle-orm/pg-core';

// Created by the idempotent bootstrap migration (drizzle/0000_bootstrap_roles.sql): roles are
// cluster-wide, so drizzle-kit must never try to create or drop them.
export const appUser = pgRole('app_user').existing();
export const appSystem = pgRole('app_system').existing();
