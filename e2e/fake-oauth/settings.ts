/** One place for the fake provider's address and client credentials, shared by it and the app's env. */
export const FAKE_OAUTH = {
  port: Number(process.env.FAKE_OAUTH_PORT ?? 3290),
  google: { id: 'fake-google-client', secret: 'fake-google-secret' },
  github: { id: 'fake-github-client', secret: 'fake-github-secret' },
};

export function fakeOAuthAppEnv(): Record<string, string> {
  const base = `http://127.0.0.1:${FAKE_OAUTH.port}`;
  return {
    AUTH_GOOGLE_ID: FAKE_OAUTH.google.id,
    AUTH_GOOGLE_SECRET: FAKE_OAUTH.google.secret,
    AUTH_GOOGLE_ISSUER: `${base}/google`,
    AUTH_GITHUB_ID: FAKE_OAUTH.github.id,
    AUTH_GITHUB_SECRET: FAKE_OAUTH.github.secret,
    AUTH_GITHUB_ENTERPRISE_URL: `${base}/github`,
  };
}
