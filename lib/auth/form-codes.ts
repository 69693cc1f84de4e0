// Error codes the auth forms branch on, in a module without server imports so client forms can
// read them.

/** The reset form's error code for an expired, used or broken link: the form offers a new one. */
export const RESET_LINK_UNUSABLE = 'reset_link_unusable';
