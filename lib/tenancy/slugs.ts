import { z } from 'zod';

/**
 * Words that would collide with routes or read as official. `/w/<slug>` is the only place a slug
 * appears today, but product and API paths may grow next to it.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'new', 'create', 'settings', 'api', 'admin', 'administrator', 'root', 'system', 'onboarding', 'invite', 'invitations',
  'account', 'accounts', 'auth', 'login', 'logout', 'sign-in', 'sign-up', 'signin', 'signup', 'dev', 'help', 'support',
  'billing', 'pricing', 'docs', 'status', 'static', 'public', 'assets', 'app', 'www', 'mail', 'security', 'tessera',
  'workspace', 'workspaces', 'null', 'undefined',
]);

export const SLUG_MIN = 3;
export const SLUG_MAX = 48;
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(SLUG_MIN, `Use at least ${SLUG_MIN} characters.`)
  .max(SLUG_MAX, `Use at most ${SLUG_MAX} characters.`)
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit.')
  .refine((slug) => !slug.includes('--'), 'Use single hyphens.')
  .refine((slug) => !RESERVED_SLUGS.has(slug), 'That address is reserved. Choose another.');

/** A readable slug from a workspace name ("Café Ünïcorn!" → "cafe-unicorn"); never reserved or too short. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX - 6)
    .replace(/-+$/, '');
  if (base.length < SLUG_MIN) return 'my-workspace';
  return RESERVED_SLUGS.has(base) ? `${base}-team` : base;
}

/** The first of base, base-2, base-3… not in `taken`; a random suffix once the small numbers run out. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>, random: () => string): string {
  if (!taken.has(base)) return base;
  for (let n = 2; n < 100; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
  return `${base}-${random()}`;
}
