/** Where an account change came from, as recorded in the user's security log. */
export type AccountRequestContext = { ip?: string | null; userAgent?: string | null };

/** A lib result a form can show: a message, optionally pinned to one field. */
export type FormFailure<F extends string> = { ok: false; field?: F; message: string };
