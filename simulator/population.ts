// The citizens of one simulated day, drawn from the day's own stream before the hall is run: the
// same seed gives the same people whatever the hall's configuration (each citizen makes the same
// draws in the same order), so a what-if compares configurations on identical demand.
import { localInstant } from '../engine/index.ts';
import type { Priority } from '../protocol/domain.ts';
import { randomStream, STREAM } from './random.ts';
import type { Scenario } from './scenario.ts';

const MINUTE = 60_000;

/** How a citizen answers being called to a counter. */
export type Answer = 'comes' | 'after_recall' | 'never';

export interface Citizen {
  /** Position in the day by the time they want to come (0-based). */
  n: number;
  cpr: string;
  phone: string;
  nameAr: string;
  nameEn: string;
  serviceId: string;
  priority: Priority;
  /** When they want to come (a walk-in arrives then; a booker wants a slot near it). */
  wantsAt: number;
  booker: boolean;
  leadDays: number;
  /** Where in the booking day (0–1 of 08:00–20:00) they call the call centre. */
  bookingTimeOfDay: number;
  latenessMin: number;
  noShow: boolean;
  cancels: boolean;
  /** Where between booking and slot they cancel (0–1). */
  cancelPoint: number;
  answer: Answer;
  /** Minutes from call to reaching the counter. */
  walkMin: number;
  /** Service minutes at the first counter, and after a transfer. */
  serviceMin: [number, number];
  transferTo: string | null;
  outcome: string;
}

const FIRST = [
  ['محمد', 'Mohamed'],
  ['فاطمة', 'Fatema'],
  ['أحمد', 'Ahmed'],
  ['زينب', 'Zainab'],
  ['علي', 'Ali'],
  ['مريم', 'Maryam'],
  ['حسين', 'Hussain'],
  ['نورة', 'Noora'],
  ['يوسف', 'Yousif'],
  ['ليلى', 'Layla'],
  ['خالد', 'Khalid'],
  ['هدى', 'Huda'],
] as const;
const FAMILY = [
  ['الدوسري', 'Al-Dosari'],
  ['المحروس', 'Al-Mahroos'],
  ['بوحجي', 'Buhiji'],
  ['العريبي', 'Al-Oraibi'],
  ['الجودر', 'Al-Jowder'],
  ['الكوهجي', 'Al-Kooheji'],
  ['المرزوق', 'Al-Marzooq'],
  ['البنعلي', 'Al-Binali'],
  ['الذوادي', 'Al-Thawadi'],
  ['الزياني', 'Al-Zayani'],
] as const;
const PRIORITIES: Record<Exclude<Priority, 'none'>, number> = { elderly: 1, disability: 1, pregnancy: 1 };

/**
 * The citizens of the `dayIndex`-th simulated day (`day`, hall time zone), ordered by when they
 * want to come. CPRs (8xxxxxxxx) are unique per (day index, citizen).
 */
export function citizensOfDay(scenario: Scenario, seed: number, dayIndex: number, day: string, timeZone: string, durations: Record<string, number>): Citizen[] {
  const r = randomStream(seed, STREAM.citizens, dayIndex);
  const count = Math.max(0, Math.round(r.normal(scenario.citizensPerDay, scenario.citizensPerDaySd)));
  const hours = Object.fromEntries(Object.entries(scenario.arrivalsByHour).filter(([, w]) => w > 0));
  const drawn = Array.from({ length: count }, () => {
    const hour = r.pick(hours);
    const wantsAt = localInstant(day, `${hour}:00`, timeZone) + Math.floor(r.next() * 60) * MINUTE;
    const serviceId = r.pick(scenario.serviceMix);
    const transferTo = r.pick(scenario.serviceMix);
    const median = (id: string) => scenario.serviceTimeMin[id] ?? durations[id] ?? 10;
    const first = FIRST[Math.floor(r.next() * FIRST.length)]!;
    const family = FAMILY[Math.floor(r.next() * FAMILY.length)]!;
    const answerDraw = r.next();
    const [priorityDraw, priorityKind] = [r.next(), r.pick(PRIORITIES)];
    return {
      wantsAt,
      serviceId,
      nameAr: `${first[0]} ${family[0]}`,
      nameEn: `${first[1]} ${family[1]}`,
      phone: `3${String(Math.floor(r.next() * 1e7)).padStart(7, '0')}`,
      priority: priorityDraw < scenario.priorityShare ? priorityKind : ('none' as const),
      booker: r.chance(scenario.bookedShare),
      leadDays: Math.min(scenario.leadDaysMax, Math.max(1, Math.round(r.exponential(scenario.leadDaysMean)))),
      bookingTimeOfDay: r.next(),
      latenessMin: r.normal(scenario.latenessMeanMin, scenario.latenessSdMin),
      noShow: r.chance(scenario.noShowRate),
      cancels: r.chance(scenario.cancelRate),
      cancelPoint: r.next(),
      answer: (answerDraw < scenario.counterNoShowShare
        ? 'never'
        : answerDraw < scenario.counterNoShowShare + scenario.recallShare
          ? 'after_recall'
          : 'comes') as Answer,
      walkMin: r.between(0.3, 1.5),
      serviceMin: [r.lognormal(median(serviceId), scenario.serviceTimeSigma), r.lognormal(median(transferTo), scenario.serviceTimeSigma)] as [number, number],
      transferTo: r.chance(scenario.transferShare) && transferTo !== serviceId ? transferTo : null,
      outcome: r.pick(scenario.outcomes),
    };
  });
  return drawn
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => a.wantsAt - b.wantsAt || a.i - b.i)
    .map(({ i: _, ...c }, n) => ({ ...c, n, cpr: `8${String(dayIndex).padStart(3, '0')}${String(n).padStart(5, '0')}` }));
}
