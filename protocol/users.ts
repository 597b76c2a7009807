// Staff accounts and the first run of a hall: the inputs and replies of the users and setup
// operations. Password rules live in ./password-rules.ts (checked by the hub for a clear error code).
import { z } from 'zod';
import { Bilingual, Role, Settings } from './domain.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** Lower case letters, digits, `.`, `_`, `-`; 3–32 characters, starting with a letter or digit. Typed in any case. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'a username is 3–32 letters, digits, ".", "_" or "-"');
/** One language's display name. No "/": the two are stored as one "Arabic / English" string (see joinDisplayName). */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^/]+$/, 'a name has no "/"');
/** The rules of ./password-rules.ts are checked by the hub after the shape, so each broken rule has its own code. */
export const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const UserId = z.coerce.number().int().min(1);

/** A staff member's name as the screens show it: "Arabic / English" (split by each screen for its language). */
export const joinDisplayName = (ar: string, en: string) => `${ar} / ${en}`;
export function splitDisplayName(displayName: string): { ar: string; en: string } {
  const parts = displayName.split(' / ');
  return parts.length === 2 ? { ar: parts[0]!, en: parts[1]! } : { ar: displayName, en: displayName };
}

// --- inputs
export const UserIdParam = z.object({ id: UserId }).strict();
export const CreateUserBody = z.object({ username: Username, displayNameAr: DisplayName, displayNameEn: DisplayName, role: Role, password: Password }).strict();
export const UpdateUserBody = z
  .object({
    id: UserId,
    displayNameAr: DisplayName.optional(),
    displayNameEn: DisplayName.optional(),
    role: z.optional(Role),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 1, { message: 'change at least one of displayNameAr, displayNameEn, role, disabled' });
export const ResetPasswordBody = z.object({ id: UserId, password: Password }).strict();
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: Password }).strict();
/** An IANA time zone, stored under its canonical spelling (asia/bahrain → Asia/Bahrain). */
const TimeZone = z.pipe(
  Settings.shape.timeZone,
  z.transform((tz) => new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone),
);
export const SetupBody = z
  .object({
    /** The one-time token of the setup link in the hub's log. */
    token: z.string().min(16).max(200),
    hallName: Bilingual,
    timeZone: TimeZone,
    username: Username,
    displayNameAr: DisplayName,
    displayNameEn: DisplayName,
    password: Password,
  })
  .strict();

// --- replies
export const UserAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayNameAr: z.string(),
  displayNameEn: z.string(),
  role: Role,
  createdAt: z.number().int(),
  disabled: z.boolean(),
  /** When the account was disabled; null while enabled. */
  disabledAt: z.number().int().nullable(),
  /** A password set by an admin: its owner must change it at the next login. */
  mustChangePassword: z.boolean(),
  /** Still the seeded demo password. */
  demoPassword: z.boolean(),
});
export type UserAccount = z.infer<typeof UserAccount>;
export const UsersReply = z.object({
  users: z.array(UserAccount),
  /** Whether an enabled account still has its demo password (the console's warning banner). */
  demoPasswords: z.boolean(),
});
export const UserReply = z.object({ user: UserAccount });
export const SetupStatusReply = z.object({ needed: z.boolean() });
