import { FAKE_OAUTH } from './settings';
import { startFakeOAuthServer } from './server';

// Runs beside the e2e app server (see .ci/run and playwright.config.ts).
const { baseUrl } = await startFakeOAuthServer({ port: FAKE_OAUTH.port, google: FAKE_OAUTH.google, github: FAKE_OAUTH.github });
console.log(`fake OAuth provider at ${baseUrl}`);
