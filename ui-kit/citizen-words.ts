// Citizen-record codes in words, shared by the booking console and the counter's citizen card:
// the record's shape, application and letter statuses, appointment events, family relations and audited fields.
import type { ReplyOf } from './client.ts';
import type { Lang } from './i18n.ts';
import { translator, type Dictionary } from './translator.ts';

/** `GET /api/citizens/:cpr` → `{ citizen }`, inferred from the contract (protocol/replies.ts `CitizenRecord`). */
export type CitizenRecord = ReplyOf<'citizens.get'>['citizen'];

const ar = {
  submitted: 'مقدَّم',
  under_review: 'قيد الدراسة',
  documents_required: 'مطلوب مستندات',
  approved: 'موافق عليه',
  allocated: 'تم التخصيص',
  rejected: 'مرفوض',
  cancelled: 'ملغى',
  received: 'مستلمة',
  in_progress: 'قيد المعالجة',
  answered: 'تم الرد',
  closed: 'مغلقة',
  booked: 'محجوز',
  checked_in: 'حضر',
  late_converted: 'حضر متأخرًا',
  no_show: 'لم يحضر',
  appointment_booked: 'حُجز',
  appointment_rescheduled: 'غُيّر الموعد',
  appointment_cancelled: 'أُلغي',
  appointment_checked_in: 'سجّل الوصول',
  appointment_no_show: 'لم يحضر',
  spouse: 'زوج/زوجة',
  son: 'ابن',
  daughter: 'ابنة',
  father: 'أب',
  mother: 'أم',
  brother: 'أخ',
  sister: 'أخت',
  other: 'أخرى',
  phone: 'الهاتف',
  address: 'العنوان',
  iban: 'الحساب البنكي',
  family: 'الأسرة',
  created: 'سجل متصل جديد',
  merged: 'دُمج مع سجل الوزارة',
} satisfies Dictionary;

type Code = keyof typeof ar;

const en: Dictionary<Code> = {
  submitted: 'Submitted',
  under_review: 'Under review',
  documents_required: 'Documents required',
  approved: 'Approved',
  allocated: 'Allocated',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  received: 'Received',
  in_progress: 'In progress',
  answered: 'Answered',
  closed: 'Closed',
  booked: 'Booked',
  checked_in: 'Checked in',
  late_converted: 'Came late',
  no_show: 'No-show',
  appointment_booked: 'booked',
  appointment_rescheduled: 'rescheduled',
  appointment_cancelled: 'cancelled',
  appointment_checked_in: 'checked in',
  appointment_no_show: 'no-show',
  spouse: 'Spouse',
  son: 'Son',
  daughter: 'Daughter',
  father: 'Father',
  mother: 'Mother',
  brother: 'Brother',
  sister: 'Sister',
  other: 'Other',
  phone: 'Phone',
  address: 'Address',
  iban: 'IBAN',
  family: 'Family',
  created: 'New caller record',
  merged: "Merged with the ministry's registry",
};

const tw = translator({ ar, en });
const isCode = (code: string): code is Code => Object.hasOwn(ar, code);

/** A status, relation, event type or field code in words (the code itself when unknown). */
export function word(lang: Lang, code: string): string {
  return isCode(code) ? tw(lang, code) : code.replace(/_/g, ' ');
}
