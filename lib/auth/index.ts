import NextAuth from 'next-auth';
import { authConfig } from './config';

export { SIGN_IN_PATH } from './config';

// Lazy config: env and the adapter resolve on the first request, never during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
