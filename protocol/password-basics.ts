// The password rules a screen checks as a person types: the length and "not the username". No
// list of common passwords here: that list is ~380 kB of script, so only the hub (and the one-time
// setup page) loads it, through ./password-rules.ts, and a staff screen hears PASSWORD_TOO_COMMON
// from the hub when it sends the password.
import { MIN_PASSWORD_LENGTH } from './users.ts';

/** Characters, not UTF-16 units: an Arabic or emoji password counts what a person typed. */
export const lengthOf = (s: string) => [...s].length;

export type BasicPasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_IS_USERNAME';

/** The first of the cheap rules `password` breaks for the account `username`, or null. */
export function basicPasswordProblem(password: string, username: string): BasicPasswordProblem | null {
  if (lengthOf(password) < MIN_PASSWORD_LENGTH) return 'PASSWORD_TOO_SHORT';
  const name = username.trim().toLowerCase();
  if (name !== '' && password.toLowerCase().includes(name)) return 'PASSWORD_IS_USERNAME';
  return null;
}
