// Kept apart from password-strength.ts so client forms can show the rule without bundling zxcvbn.
export const PASSWORD_MIN_LENGTH = 10;
// argon2 takes any length, but hashing megabytes per request is a cheap denial of service.
export const PASSWORD_MAX_LENGTH = 256;
