import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A stand-in for Google (OpenID Connect) and GitHub (OAuth 2.0, Enterprise-style base URL) on
 * 127.0.0.1, so the real Auth.js providers run their real flows without the internet. The
 * "consent" page is a form where the test chooses who the provider says the person is.
 */
export type FakeOAuthClient = { id: string; secret: string };
export type FakeOAuthOptions = { port: number; google: FakeOAuthClient; github: FakeOAuthClient };

type Identity = { email: string; name: string; verified: boolean };
type Grant = { provider: 'google' | 'github'; identity: Identity; nonce: string | null; clientId: string; redirectUri: string };

const GOOGLE = '/google';
const GITHUB = '/github';

function stableId(provider: string, email: string): string {
  // The same address always maps to the same provider account, like a real provider's user id.
  return BigInt(`0x${createHash('sha256').update(`${provider}:${email.toLowerCase()}`).digest('hex').slice(0, 12)}`).toString();
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function body(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function json(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}

function consentPage(provider: string, query: URLSearchParams): string {
  const hidden = [...query.entries()].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return `<!doctype html><html><head><title>Fake ${provider}</title></head><body>
<h1>Sign in to Fake ${provider}</h1>
<form method="post">${hidden}
<label>Email <input name="email" type="email" required></label>
<label>Name <input name="name" value="OAuth Person"></label>
<label><input name="verified" type="checkbox" value="1" checked> Email verified</label>
<button type="submit">Authorize</button>
</form></body></html>`;
}

function basicClient(request: IncomingMessage, form: URLSearchParams): { id: string; secret: string } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':').map(decodeURIComponent);
    return id && secret ? { id, secret } : null;
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : null;
}

export async function startFakeOAuthServer(options: FakeOAuthOptions): Promise<{ server: Server; baseUrl: string; close: () => Promise<void> }> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant>();

  const clientFor = (provider: 'google' | 'github') => (provider === 'google' ? options.google : options.github);

  async function authorize(provider: 'google' | 'github', request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method === 'GET') {
      if (url.searchParams.get('client_id') !== clientFor(provider).id) return json(response, 400, { error: 'invalid_client' });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(consentPage(provider === 'google' ? 'Google' : 'GitHub', url.searchParams));
    }
    const form = await body(request);
    const redirectUri = form.get('redirect_uri') ?? '';
    const code = randomBytes(16).toString('hex');
    codes.set(code, {
      provider,
      identity: { email: form.get('email') ?? '', name: form.get('name') ?? '', verified: form.get('verified') === '1' },
      nonce: form.get('nonce'),
      clientId: form.get('client_id') ?? '',
      redirectUri,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = form.get('state');
    if (state) target.searchParams.set('state', state);
    if (provider === 'google') target.searchParams.set('iss', `${baseUrl}${GOOGLE}`);
    response.writeHead(302, { location: target.toString() });
    response.end();
  }

  async function token(provider: 'google' | 'github', request: IncomingMessage, response: ServerResponse) {
    const form = await body(request);
    const client = basicClient(request, form);
    const expected = clientFor(provider);
    if (!client || client.id !== expected.id || client.secret !== expected.secret) return json(response, 401, { error: 'invalid_client' });
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    if (!grant || grant.provider !== provider || grant.redirectUri !== form.get('redirect_uri')) return json(response, 400, { error: 'invalid_grant' });
    const accessToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, grant);
    if (provider === 'github') return json(response, 200, { access_token: accessToken, token_type: 'bearer', scope: 'read:user,user:email' });
    const idToken = await signIdToken(privateKey, grant);
    return json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, id_token: idToken, scope: 'openid email profile' });
  }

  async function signIdToken(key: CryptoKey, grant: Grant): Promise<string> {
    return new SignJWT({
      email: grant.identity.email,
      email_verified: grant.identity.verified,
      name: grant.identity.name,
      picture: null,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .setIssuer(`${baseUrl}${GOOGLE}`)
      .setAudience(grant.clientId)
      .setSubject(stableId('google', grant.identity.email))
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
  }

  function bearer(request: IncomingMessage): Grant | undefined {
    const header = request.headers.authorization ?? '';
    return tokens.get(header.replace(/^Bearer\s+/i, ''));
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', baseUrl);
    const path = url.pathname;
    const handle = async () => {
      if (path === `${GOOGLE}/.well-known/openid-configuration`) {
        return json(response, 200, {
          issuer: `${baseUrl}${GOOGLE}`,
          authorization_endpoint: `${baseUrl}${GOOGLE}/authorize`,
          token_endpoint: `${baseUrl}${GOOGLE}/token`,
          userinfo_endpoint: `${baseUrl}${GOOGLE}/userinfo`,
          jwks_uri: `${baseUrl}${GOOGLE}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (path === `${GOOGLE}/jwks`) return json(response, 200, { keys: [jwk] });
      if (path === `${GOOGLE}/authorize`) return authorize('google', request, response, url);
      if (path === `${GOOGLE}/token`) return token('google', request, response);
      if (path === `${GITHUB}/login/oauth/authorize`) return authorize('github', request, response, url);
      if (path === `${GITHUB}/login/oauth/access_token`) return token('github', request, response);
      if (path === `${GITHUB}/api/v3/user`) {
        const grant = bearer(request);
        if (!grant) return json(response, 401, { message: 'Bad credentials' });
        const login = grant.identity.email.split('@')[0];
        // Like an account with a private address: the email comes from /user/emails.
        return json(response, 200, { id: Number(stableId('github', grant.identity.email)), login, name: grant.identity.name, email: null, avatar_url: null });
      }
      if (path === `${GITHUB}/api/v3/user/emails`) {
        const grant = bearer(request);
        if (!grant) return json(response, 401, { message: 'Bad credentials' });
        return json(response, 200, [{ email: grant.identity.email, primary: true, verified: grant.identity.verified, visibility: 'private' }]);
      }
      if (path === '/health') return json(response, 200, { ok: true });
      if (path === '/favicon.ico') return response.writeHead(204).end();
      return json(response, 404, { error: 'not_found' });
    };
    handle().catch((error: unknown) => json(response, 500, { error: String(error) }));
  });

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return { server, baseUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
