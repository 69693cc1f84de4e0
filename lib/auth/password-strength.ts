import { ZxcvbnFactory, type DictionaryMatch, type TranslationKeys, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

// @zxcvbn-ts/language-en isn't installed; these are the messages people see under the field.
const translations: TranslationKeys = {
  warnings: {
    straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
    keyPattern: 'Short keyboard patterns are easy to guess.',
    simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
    extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
    sequences: 'Common sequences like "abc" are easy to guess.',
    recentYears: 'Recent years are easy to guess.',
    dates: 'Dates are easy to guess.',
    topTen: 'This is one of the most used passwords.',
    topHundred: 'This is a very commonly used password.',
    common: 'This is a commonly used password.',
    similarToCommon: 'This is similar to a commonly used password.',
    wordByItself: 'Single words are easy to guess.',
    namesByThemselves: 'Single names or surnames are easy to guess.',
    commonNames: 'Common names and surnames are easy to guess.',
    userInputs: 'Don’t use your name or email address.',
    pwned: 'This password has appeared in a data breach.',
  },
  suggestions: {
    l33t: 'Avoid predictable letter substitutions like "@" for "a".',
    reverseWords: 'Avoid reversed spellings of common words.',
    allUppercase: 'Capitalise some, but not all, letters.',
    capitalization: 'Capitalise more than the first letter.',
    dates: 'Avoid dates and years that are associated with you.',
    recentYears: 'Avoid recent years.',
    associatedYears: 'Avoid years that are associated with you.',
    sequences: 'Avoid common character sequences.',
    repeated: 'Avoid repeated words and characters.',
    longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction several times.',
    anotherWord: 'Add more words that are less common.',
    useWords: 'Use several unrelated words together — a short phrase works well.',
    noNeed: 'You can create strong passwords without symbols, numbers or uppercase letters.',
    pwned: 'If you use this password elsewhere, change it there too.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};

let factory: ZxcvbnFactory | undefined;
// Built lazily: ranking the dictionaries takes a moment and most requests never check a password.
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary });
  return factory;
}

export type PasswordVerdict = { ok: true; score: number } | { ok: false; score: number; message: string };

/** The whole password (give or take case and l33t) is an entry of the breached-passwords list. */
function isCommonPassword(result: ZxcvbnResult): boolean {
  return result.sequence.some(
    (match) =>
      match.pattern === 'dictionary' &&
      (match as DictionaryMatch).dictionaryName === 'passwords-common' &&
      match.i === 0 &&
      match.j === result.password.length - 1,
  );
}

/**
 * NIST 800-63B style: a minimum length and a check against guessable and breached patterns, no
 * composition rules. `userInputs` (name, email) count as guessable words.
 */
export function checkPasswordStrength(password: string, userInputs: string[] = []): PasswordVerdict {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { ok: false, score: 0, message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, score: 0, message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  // Whole values, the email's local part and each word, so "ada.lovelace2024" and "lovelace!" both match.
  const inputs = userInputs
    .map((value) => value.trim().toLowerCase())
    .flatMap((value) => [value, value.split('@')[0] ?? '', ...value.split(/[^a-z0-9]+/)])
    .filter((part) => part.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= 3 && !isCommonPassword(result)) return { ok: true, score: result.score };
  const { warning, suggestions } = result.feedback;
  const message = [warning ?? 'This password is too easy to guess.', ...suggestions.slice(0, 1)].join(' ');
  return { ok: false, score: result.score, message };
}

/**
 * A zod field for new passwords; the strength message becomes the field error. Context-aware checks
 * (name, email) use `checkPasswordStrength` with userInputs in the flow's own refinement.
 */
export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .min(1, { error: 'Choose a password.' })
  .superRefine((password, ctx) => {
    const verdict = checkPasswordStrength(password);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
  });
