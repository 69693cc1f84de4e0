import GitHub, { type GitHubProfile } from 'next-auth/providers/github';
import Google, { type GoogleProfile } from 'next-auth/providers/google';
import { env } from '@/lib/env';

export const OAUTH_PROVIDERS = ['google', 'github'] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDERS)[number];
export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderId, string> = { google: 'Google', github: 'GitHub' };

/**
 * What every provider's profile maps to. `emailVerified` is set only when the provider vouches
 * for the address: a new account starts confirmed, and linking demands it.
 */
export type OAuthUser = { id: string; name: string | null; email: string | null; image: string | null; emailVerified: Date | null };

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

function googleProvider(clientId: string, clientSecret: string, issuer: string | undefined) {
  return Google({
    clientId,
    clientSecret,
    ...(issuer ? { issuer } : {}),
    profile(profile: GoogleProfile): OAuthUser {
      return {
        id: profile.sub,
        name: profile.name ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
        emailVerified: profile.email_verified ? new Date() : null,
      };
    },
  });
}

function githubProvider(clientId: string, clientSecret: string, enterpriseUrl: string | undefined) {
  const apiBase = enterpriseUrl ? `${enterpriseUrl.replace(/\/$/, '')}/api/v3` : 'https://api.github.com';
  return GitHub({
    clientId,
    clientSecret,
    ...(enterpriseUrl ? { enterprise: { baseUrl: enterpriseUrl.replace(/\/$/, '') } } : {}),
    userinfo: {
      url: `${apiBase}/user`,
      // /user shows only a public address; /user/emails says which address is primary and verified.
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const headers = { Authorization: `Bearer ${tokens.access_token}`, 'User-Agent': 'tessera', Accept: 'application/vnd.github+json' };
        const profile = (await (await fetch(`${apiBase}/user`, { headers })).json()) as GitHubProfile;
        const response = await fetch(`${apiBase}/user/emails`, { headers });
        const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
        const primary = emails.find((e) => e.primary) ?? null;
        return { ...profile, email: primary?.email ?? profile.email, email_verified: Boolean(primary?.verified) };
      },
    },
    profile(profile: GitHubProfile & { email_verified?: boolean }): OAuthUser {
      return {
        id: String(profile.id),
        name: profile.name ?? profile.login,
        email: profile.email ?? null,
        image: profile.avatar_url ?? null,
        emailVerified: profile.email_verified ? new Date() : null,
      };
    },
  });
}

/** The configured providers, for Auth.js. */
export function oauthProviders() {
  const config = env();
  return [
    ...(config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET ? [googleProvider(config.AUTH_GOOGLE_ID, config.AUTH_GOOGLE_SECRET, config.AUTH_GOOGLE_ISSUER)] : []),
    ...(config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET
      ? [githubProvider(config.AUTH_GITHUB_ID, config.AUTH_GITHUB_SECRET, config.AUTH_GITHUB_ENTERPRISE_URL)]
      : []),
  ];
}

/** Which OAuth buttons the sign-in and security pages show. */
export function configuredOAuthProviders(): Array<{ id: OAuthProviderId; name: string }> {
  const config = env();
  const on: Record<OAuthProviderId, boolean> = {
    google: Boolean(config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET),
    github: Boolean(config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET),
  };
  return OAUTH_PROVIDERS.filter((id) => on[id]).map((id) => ({ id, name: OAUTH_PROVIDER_NAMES[id] }));
}

export function isOAuthProvider(value: string | undefined): value is OAuthProviderId {
  return (OAUTH_PROVIDERS as readonly string[]).includes(value ?? '');
}

export type ProviderRow = { id: OAuthProviderId; name: string; available: boolean };

/** Account → Security's rows: the providers this install offers, then any still linked after one was switched off. */
export function providerRows(linked: readonly string[]): ProviderRow[] {
  const available = configuredOAuthProviders();
  const orphaned = linked.filter((id): id is OAuthProviderId => isOAuthProvider(id) && !available.some((p) => p.id === id));
  return [...available.map((p) => ({ ...p, available: true })), ...orphaned.map((id) => ({ id, name: OAUTH_PROVIDER_NAMES[id], available: false }))];
}
