export const SIGN_IN_PATH = '/sign-in';
export const TWO_FACTOR_PATH = '/sign-in/two-factor';
/** Where sign-in methods (password, 2FA, connected providers) are managed. */
export const SECURITY_PATH = '/account/security';
