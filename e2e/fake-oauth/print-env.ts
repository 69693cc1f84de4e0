import { fakeOAuthAppEnv } from './settings';

// KEY=VALUE lines for the app server the e2e suite runs against (.ci/run reads them).
for (const [key, value] of Object.entries(fakeOAuthAppEnv())) console.log(`${key}=${value}`);
