// What the console's parts share: the hub's records as the console reads them.
import type { CitizenRecord } from '../ui-kit/citizen-words.ts';
import type { Lang } from '../ui-kit/i18n.ts';

export type Citizen = CitizenRecord;
export interface ApptHistory {
  seq: number;
  at: number;
  actor: string;
  by: string | null;
  type: string;
}
export interface Appointment {
  id: string;
  reference: string;
  serviceId: string;
  cpr: string;
  day: string;
  slotStart: number;
  status: string;
  phone: string;
  outcome: string;
  history: ApptHistory[];
  message: { status: 'queued' | 'sent' | 'failed'; attempts: number; at: number } | null;
}
export interface Appointments {
  summary: Record<'kept' | 'no_show' | 'cancelled' | 'booked', number>;
  appointments: Appointment[];
}
export interface Service {
  id: string;
  nameAr: string;
  nameEn: string;
  bookable: boolean;
}
export const name2 = (lang: Lang, o: { nameAr: string; nameEn: string }) => (lang === 'ar' ? o.nameAr : o.nameEn);
