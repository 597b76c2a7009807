// The password rules the hub enforces: the cheap ones of ./password-basics.ts (which the staff
// screens check as the person types), then not one of the common passwords of zxcvbn-ts's list
// (leaked-password frequency lists, kept by the zxcvbn-ts project and shipped with the code: the
// hall has no internet).
// The list is ~380 kB of script: the staff screens import ./password-basics.ts instead, and no
// screen reaches this module through the typed client (protocol/operations.ts → ./users.ts).
import { dictionary } from '@zxcvbn-ts/language-common';
import { type BasicPasswordProblem, basicPasswordProblem, lengthOf } from './password-basics.ts';
import { MIN_PASSWORD_LENGTH } from './users.ts';

// Shorter entries already fail the length rule, so only the long ones need keeping.
const COMMON = new Set(dictionary['passwords-common'].filter((p) => lengthOf(p) >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase()));

export type PasswordProblem = BasicPasswordProblem | 'PASSWORD_TOO_COMMON';

/** The first rule `password` breaks for the account `username`, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  return basicPasswordProblem(password, username) ?? (COMMON.has(password.toLowerCase()) ? 'PASSWORD_TOO_COMMON' : null);
}
