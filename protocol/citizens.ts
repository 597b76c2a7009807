// Citizen inquiries: the record an agent looks up by CPR, its updates, the call log and the import
// of applications and letters from the ministry's system (docs/IMPORT.md). Validation lives here so
// the console can run the same checks before sending.
import { z } from 'zod';
import { CalendarDay, Phone } from './api.ts';
import { Cpr, Day } from './domain.ts';

// --- IBAN (ISO 13616)

/** Bahrain: BH + 2 check digits + 4-letter bank code + 14 letters or digits = 22 characters. */
const BAHRAINI_IBAN = /^BH\d{2}[A-Z]{4}[A-Z0-9]{14}$/;
export const BAHRAINI_IBAN_EXAMPLE = 'BH67 BMAG 0000 1299 1234 56';

/** Upper case, without spaces (the printed form groups by four). */
export const normalizeIban = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

/** The ISO 7064 mod-97 remainder of an IBAN (country and check digits moved to the end, letters as 10…35). */
function mod97(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest;
}

/** A valid IBAN for `country` and `bban` (computes the two check digits): for seeds and tests. */
export function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/** What is wrong with a typed IBAN, as a code a screen can put into its own language. */
export type IbanIssue = 'empty' | 'characters' | 'country' | 'bahraini_format' | 'format' | 'checksum';

/**
 * Which rule `raw` breaks, or null for an acceptable IBAN. Bahraini IBANs only by default; pass other ISO country codes in
 * `countries` to accept them (checked for shape and checksum only).
 */
export function ibanIssue(raw: string, countries: readonly string[] = ['BH']): IbanIssue | null {
  const iban = normalizeIban(raw);
  if (iban === '') return 'empty';
  if (!/^[A-Z0-9]+$/.test(iban)) return 'characters';
  const country = iban.slice(0, 2);
  if (!countries.includes(country)) return 'country';
  if (country === 'BH') {
    if (!BAHRAINI_IBAN.test(iban)) return 'bahraini_format';
  } else if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return 'format';
  return mod97(iban) === 1 ? null : 'checksum';
}

/** Why `raw` is not an acceptable IBAN, in English (the hub's error message), or null when it is. */
export function ibanProblem(raw: string, countries: readonly string[] = ['BH']): string | null {
  const iban = normalizeIban(raw);
  switch (ibanIssue(raw, countries)) {
    case null:
      return null;
    case 'empty':
      return 'enter the IBAN';
    case 'characters':
      return 'an IBAN has only letters and digits';
    case 'country':
      return countries.length === 1 && countries[0] === 'BH'
        ? `only Bahraini IBANs are accepted: they start with BH (e.g. ${BAHRAINI_IBAN_EXAMPLE})`
        : `IBANs from ${iban.slice(0, 2)} are not accepted (only ${countries.join(', ')})`;
    case 'bahraini_format':
      return (
        `a Bahraini IBAN is 22 characters: BH, 2 check digits, a 4-letter bank code and 14 letters or digits (e.g. ${BAHRAINI_IBAN_EXAMPLE}); ` +
        `got ${iban.length}`
      );
    case 'format':
      return 'an IBAN is a 2-letter country code, 2 check digits and 11–30 letters or digits';
    case 'checksum':
      return 'the IBAN check digits do not match: a character is probably mistyped';
  }
}

/** An IBAN as typed (spaces and lower case allowed), normalised; Bahraini by default. */
export const ibanSchema = (countries: readonly string[] = ['BH']) =>
  z
    .string()
    .max(50)
    .transform(normalizeIban)
    .superRefine((v, ctx) => {
      const problem = ibanProblem(v, countries);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
export const Iban = ibanSchema();

// --- the record and its updates

export const Relation = z.enum(['spouse', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'other']);
export type Relation = z.infer<typeof Relation>;
/** `created`: a first-time caller's record, made by an agent's booking; `merged`: that record merged with the ministry's import. */
export const AuditField = z.enum(['phone', 'address', 'iban', 'family', 'created', 'merged']);
export type AuditField = z.infer<typeof AuditField>;

export const CitizenCprParam = z.object({ cpr: Cpr }).strict();
export const Address = z.string().trim().min(1, 'enter the address').max(200);
export const ContactBody = z
  .object({ cpr: Cpr, phone: Phone.optional(), address: Address.optional() })
  .strict()
  .refine((b) => b.phone !== undefined || b.address !== undefined, { message: 'give a phone, an address or both' });
export const IbanBody = z.object({ cpr: Cpr, iban: Iban }).strict();
export const FamilyMemberBody = z
  .object({
    cpr: Cpr,
    name: z.string().trim().min(1).max(120),
    relation: Relation,
    dateOfBirth: CalendarDay,
    memberCpr: z.nullable(Cpr).default(null),
  })
  .strict();

// --- call log

export const CallCategory = z.enum(['book', 'reschedule_cancel', 'application_status', 'letter', 'contact_bank_update', 'family_members', 'other']);
export type CallCategory = z.infer<typeof CallCategory>;
export const CallOutcome = z.enum(['resolved', 'follow_up', 'escalated']);
export type CallOutcome = z.infer<typeof CallOutcome>;
export const CallBody = z
  .object({
    cpr: z.nullable(Cpr).default(null),
    category: CallCategory,
    note: z.string().trim().max(500).default(''),
    outcome: CallOutcome.default('resolved'),
  })
  .strict();
export const CallsQuery = z.object({ cpr: z.optional(Cpr), day: z.optional(Day) }).strict();

// --- import from the ministry's system

export const ApplicationStatus = z.enum(['submitted', 'under_review', 'documents_required', 'approved', 'allocated', 'rejected', 'cancelled']);
export const LetterStatus = z.enum(['received', 'in_progress', 'answered', 'closed']);
const names = { cpr: Cpr, nameAr: z.string().trim().min(1).max(120), nameEn: z.string().trim().min(1).max(120), phone: Phone.optional() };
/** One imported row: an application or a letter, with its citizen's CPR and names. */
export const ImportRow = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('application'),
        ...names,
        type: z.string().trim().min(1).max(80),
        number: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9/-]{3,30}$/, 'an application number is 3–30 letters, digits, "-" or "/"'),
        status: ApplicationStatus,
        submittedDay: CalendarDay,
      })
      .strict(),
    z
      .object({
        kind: z.literal('letter'),
        ...names,
        subject: z.string().trim().min(1).max(200),
        reference: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9/-]{3,30}$/, 'a letter reference is 3–30 letters, digits, "-" or "/"'),
        status: LetterStatus,
        receivedDay: CalendarDay,
      })
      .strict(),
  ],
  { error: 'kind must be "application" or "letter"' },
);
export type ImportRow = z.infer<typeof ImportRow>;

/** The CSV header (any column order; columns another kind uses are left empty). */
export const IMPORT_COLUMNS = [
  'kind',
  'cpr',
  'nameAr',
  'nameEn',
  'phone',
  'type',
  'number',
  'status',
  'submittedDay',
  'subject',
  'reference',
  'receivedDay',
] as const;
export const MAX_IMPORT_CHARS = 2_000_000;
export const MAX_IMPORT_ROWS = 10_000;
/** A file export (`data` is the file's text) or a push of rows from the ministry's system. */
export const ImportBody = z.union([
  z.object({ format: z.enum(['csv', 'json']), data: z.string().min(1).max(MAX_IMPORT_CHARS) }).strict(),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_IMPORT_ROWS) }).strict(),
]);
