// The password rules, one pure module for the hub (which enforces them) and the screens (which
// check as the person types): at least 10 characters, not the username nor containing it, and not
// one of the common passwords of zxcvbn-ts's list (leaked-password frequency lists, kept by the
// zxcvbn-ts project and shipped with the code: the hall has no internet).
// Only screens that check passwords import this module: the list is ~380 kB of script, which the
// typed client (protocol/operations.ts → ./users.ts) must not pull into every screen.
import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from './users.ts';

/** Characters, not UTF-16 units: an Arabic or emoji password counts what a person typed. */
const lengthOf = (s: string) => [...s].length;

// Shorter entries already fail the length rule, so only the long ones need keeping.
const COMMON = new Set(dictionary['passwords-common'].filter((p) => lengthOf(p) >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase()));

export type PasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_IS_USERNAME' | 'PASSWORD_TOO_COMMON';

/** The first rule `password` breaks for the account `username`, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (lengthOf(password) < MIN_PASSWORD_LENGTH) return 'PASSWORD_TOO_SHORT';
  const name = username.trim().toLowerCase();
  const lower = password.toLowerCase();
  if (name !== '' && lower.includes(name)) return 'PASSWORD_IS_USERNAME';
  if (COMMON.has(lower)) return 'PASSWORD_TOO_COMMON';
  return null;
}
