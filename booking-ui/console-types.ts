// What the console's parts share: the hub's records as the console reads them, inferred from the
// operations' reply schemas (protocol/operations.ts), so they cannot drift from what the hub sends.
import type { CitizenRecord } from '../ui-kit/citizen-words.ts';
import type { ReplyOf } from '../ui-kit/client.ts';
import type { Lang } from '../ui-kit/i18n.ts';

export type Citizen = CitizenRecord;
/** A citizen's appointments with their outcomes, histories and message status (`citizens.appointments`). */
export type Appointments = ReplyOf<'citizens.appointments'>;
export type Appointment = Appointments['appointments'][number];
export type Service = ReplyOf<'services.list'>['services'][number]['service'];
export const name2 = (lang: Lang, o: { nameAr: string; nameEn: string }) => (lang === 'ar' ? o.nameAr : o.nameEn);
