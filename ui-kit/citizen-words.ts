// Citizen-record codes in words, shared by the booking console and the counter's citizen card:
// the record's shape, application and letter statuses, appointment events, family relations and audited fields.
import type { ReplyOf } from './client.ts';
import type { Lang } from './i18n.ts';

/** `GET /api/citizens/:cpr` → `{ citizen }`, inferred from the contract (protocol/replies.ts `CitizenRecord`). */
export type CitizenRecord = ReplyOf<'citizens.get'>['citizen'];

const STATUS: Record<string, [string, string]> = {
  submitted: ['مقدَّم', 'Submitted'],
  under_review: ['قيد الدراسة', 'Under review'],
  documents_required: ['مطلوب مستندات', 'Documents required'],
  approved: ['موافق عليه', 'Approved'],
  allocated: ['تم التخصيص', 'Allocated'],
  rejected: ['مرفوض', 'Rejected'],
  cancelled: ['ملغى', 'Cancelled'],
  received: ['مستلمة', 'Received'],
  in_progress: ['قيد المعالجة', 'In progress'],
  answered: ['تم الرد', 'Answered'],
  closed: ['مغلقة', 'Closed'],
  booked: ['محجوز', 'Booked'],
  checked_in: ['حضر', 'Checked in'],
  late_converted: ['حضر متأخرًا', 'Came late'],
  no_show: ['لم يحضر', 'No-show'],
  appointment_booked: ['حُجز', 'booked'],
  appointment_rescheduled: ['غُيّر الموعد', 'rescheduled'],
  appointment_cancelled: ['أُلغي', 'cancelled'],
  appointment_checked_in: ['سجّل الوصول', 'checked in'],
  appointment_no_show: ['لم يحضر', 'no-show'],
  spouse: ['زوج/زوجة', 'Spouse'],
  son: ['ابن', 'Son'],
  daughter: ['ابنة', 'Daughter'],
  father: ['أب', 'Father'],
  mother: ['أم', 'Mother'],
  brother: ['أخ', 'Brother'],
  sister: ['أخت', 'Sister'],
  other: ['أخرى', 'Other'],
  phone: ['الهاتف', 'Phone'],
  address: ['العنوان', 'Address'],
  iban: ['الحساب البنكي', 'IBAN'],
  family: ['الأسرة', 'Family'],
};

/** A status, relation, event type or field code in words (the code itself when unknown). */
export function word(lang: Lang, code: string): string {
  const w = STATUS[code];
  return w ? w[lang === 'ar' ? 0 : 1] : code.replace(/_/g, ' ');
}
