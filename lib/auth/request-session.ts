import { randomBytes } from 'node:crypto';
import { getToken, type JWT } from 'next-auth/jwt';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { env } from '@/lib/env';
import { ROLES, type WorkspaceRole } from '@/lib/tenancy/permissions';
import type { WorkspaceMembership } from '@/lib/tenancy/workspace-membership';
import { activeSessionUser, type ActiveSessionUser } from './sessions';

/**
 * The session of one request, read once. Auth.js's `auth()` builds an internal request, decrypts
 * the JWT, runs the callbacks, re-encrypts a token nobody stores (a server component can't set
 * cookies) and round-trips JSON; middleware and the page each did that, so every signed-in page
 * paid two decryptions, two encryptions and two session checks. Here the JWT is decrypted once
 * and checked once against its `user_sessions` row (revocation, expiry, token version), and
 * middleware hands the result to the page in a request header only this process can name.
 */
export type RequestSession = {
  user: { id: string; email: string; name: string | null; emailVerified: boolean };
  sessionId: string;
};

const SESSION_COOKIE = 'authjs.session-token';

/**
 * The JWT's session as stored now, or null when it names none, or a revoked, expired or
 * outdated one. The Auth.js jwt callback and the request path share it: one rule for validity.
 */
export async function activeSessionOfToken(token: Pick<JWT, 'uid' | 'sid' | 'tv'>): Promise<ActiveSessionUser | null> {
  if (!token.uid || !token.sid) return null;
  return withSystem('auth: session check', (tx) =>
    activeSessionUser(tx, { sessionId: token.sid!, userId: token.uid!, tokenVersion: token.tv ?? 0 }),
  );
}

/**
 * Which cookie Auth.js reads: the `__Secure-` one on https. Decided as Auth.js decides its own
 * URL (AUTH_URL, else the forwarded protocol), so both always read the same cookie.
 */
function secureCookie(headers: Headers, requestProtocol?: string): boolean {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return configured.startsWith('https:');
  return (headers.get('x-forwarded-proto') ?? requestProtocol ?? 'https').startsWith('https');
}

/** The request's session from its cookie, checked against the database; null when signed out. */
export async function sessionFromRequestHeaders(headers: Headers, requestProtocol?: string): Promise<RequestSession | null> {
  const cookie = headers.get('cookie');
  if (!cookie?.includes(SESSION_COOKIE)) return null;
  const secure = secureCookie(headers, requestProtocol);
  let token: JWT | null;
  try {
    // Only the cookie is handed over: getToken would also take an Authorization bearer token.
    token = await getToken({
      req: { headers: new Headers({ cookie }) },
      secret: env().AUTH_SECRET!,
      secureCookie: secure,
      salt: `${secure ? '__Secure-' : ''}${SESSION_COOKIE}`,
      logger: { error: () => {} } as unknown as Console,
    });
  } catch {
    // A token from another secret, tampered with or expired: signed out, as Auth.js treats it.
    return null;
  }
  if (!token) return null;
  const holder = await activeSessionOfToken(token);
  if (!holder) return null;
  return {
    user: { id: token.uid!, email: holder.email, name: holder.name, emailVerified: holder.emailVerified },
    sessionId: token.sid!,
  };
}

const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), emailVerified: z.boolean() }),
  sessionId: z.string(),
});

const workspaceSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  currency: z.string(),
  role: z.enum(ROLES as [WorkspaceRole, ...WorkspaceRole[]]),
  deletionScheduledFor: z.string().nullable(),
});

/** What the request gate learned about the workspace in the path, so the page needn't ask again. */
export type ForwardedMembership = { slug: string; found: WorkspaceMembership };

const forwardedSchema = z.object({
  session: sessionSchema,
  membership: z
    .object({
      slug: z.string(),
      found: z.object({
        current: workspaceSummarySchema.nullable(),
        workspaces: z.array(workspaceSummarySchema),
        movedTo: z.string().nullable(),
        twoFactorRequired: z.boolean(),
      }),
    })
    .nullable(),
});

// Node refuses request headers past 16 KB in total; a user in hundreds of workspaces has their
// membership read again by the page instead.
const MAX_FORWARDED_MEMBERSHIP_BYTES = 6_000;

const holder = globalThis as unknown as { __tesseraSessionHeader?: string };

/**
 * The header middleware forwards the checked session in. Its name is random per process, so no
 * client can send it, and middleware removes it from every request before deciding anything.
 */
export function forwardedSessionHeader(): string {
  holder.__tesseraSessionHeader ??= `x-tessera-session-${randomBytes(12).toString('hex')}`;
  return holder.__tesseraSessionHeader;
}

export function encodeForwardedSession(session: RequestSession, membership: ForwardedMembership | null = null): string {
  const keep = membership && JSON.stringify(membership).length <= MAX_FORWARDED_MEMBERSHIP_BYTES ? membership : null;
  // Base64url: a header value is bytes, and names may hold any character.
  return Buffer.from(JSON.stringify({ session, membership: keep })).toString('base64url');
}

function decodeForwarded(headers: Headers): z.infer<typeof forwardedSchema> | null | undefined {
  const value = headers.get(forwardedSessionHeader());
  if (value === null) return undefined;
  try {
    const parsed = forwardedSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The session middleware checked for this request, or undefined when it checked none. */
export function forwardedSession(headers: Headers): RequestSession | null | undefined {
  const forwarded = decodeForwarded(headers);
  return forwarded === undefined || forwarded === null ? forwarded : forwarded.session;
}

/** The gate's membership read for the workspace at `slug` in this request, or null when it made none. */
export function forwardedMembership(headers: Headers, userId: string, slug: string): WorkspaceMembership | null {
  const forwarded = decodeForwarded(headers);
  if (!forwarded?.membership || forwarded.session.user.id !== userId || forwarded.membership.slug !== slug) return null;
  return forwarded.membership.found;
}
