// A simulated hall day: who comes, when, for what, and how the hall is staffed. One JSON file
// (simulator/scenarios/busy-housing-day.json is the documented default); every field below.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CounterMode, ServiceId, TimeOfDay } from '../protocol/domain.ts';

const share = z.number().min(0).max(1);
const minutes = z.number().min(0);
/** Two-digit local hours ("07") → weight. */
const HourKey = z.string().regex(/^([01]\d|2[0-3])$/, 'an hour is two digits, 00–23');

export const Scenario = z
  .object({
    /** What the scenario stands for (printed with its KPIs). */
    name: z.string().min(1).max(120),
    /** Days the hall is open that are simulated (holidays and closed weekdays in between are passed over). The CLI's `--days` overrides it. */
    days: z.number().int().min(1).max(366),
    /** Counters in the hall, numbered 1…n: counters missing from the hall are added, those above n are taken out of use. */
    counters: z.number().int().min(1).max(60),
    /** Counters 1…k take appointments (in `appointmentMode`); the others are general. */
    appointmentCounters: z.number().int().min(0).max(60),
    /** `appointment`: booked citizens first, walk-ins only outside the guard time; `mixed`: booked citizens first, walk-ins otherwise. */
    appointmentMode: z.enum(['appointment', 'mixed']),
    /** Counter number → mode, for the counters it names instead of `appointmentCounters`/`appointmentMode` (a real hall's counters, a rollout plan). */
    modes: z.record(z.string().regex(/^[1-9]\d?$/, 'a counter number, 1–99'), CounterMode).optional(),
    /** The hall's opening hours on its working days (Sunday–Thursday in the demo), written to the hall's settings. */
    hours: z.object({ opens: TimeOfDay, closes: TimeOfDay }),
    /** When slots can be booked; a slot has one seat per appointment counter (the hall's appointment schedule is set so). */
    appointmentHours: z.object({ start: TimeOfDay, end: TimeOfDay }),
    /** Citizens coming on a day: normal around the mean with this standard deviation. */
    citizensPerDay: z.number().min(0).max(5000),
    citizensPerDaySd: minutes,
    /** When citizens want to come: relative weight of each hour ("08": 20); the minute within the hour is uniform. */
    arrivalsByHour: z.record(HourKey, z.number().min(0)),
    /** The share of citizens per service id (relative weights). */
    serviceMix: z.record(ServiceId, z.number().min(0)),
    /** Service time at the counter: lognormal with the service's median minutes (default: its planned duration) and this sigma. */
    serviceTimeSigma: z.number().min(0).max(2),
    /** Median minutes per service id, where it differs from the service's planned duration. */
    serviceTimeMin: z.record(ServiceId, z.number().positive()),
    /** The share of citizens who try to book ahead; those who find no free slot near their time come as walk-ins. */
    bookedShare: share,
    /** Days between booking and the visit: exponential with this mean, at least 1, at most `leadDaysMax` (and the hall's booking horizon). */
    leadDaysMean: z.number().min(0),
    leadDaysMax: z.number().int().min(1).max(365),
    /** Check-in minus slot start, normal (minutes; negative = early). Too early: the kiosk says when to come back; too late: a walk-in ticket. */
    latenessMeanMin: z.number(),
    latenessSdMin: minutes,
    /** Booked citizens who never come (the no-show sweep marks them). */
    noShowRate: share,
    /** Booked citizens who cancel (through the booking console) some time before their slot. */
    cancelRate: share,
    /** Walk-ins with a priority (elderly, disability, pregnancy, equally). */
    priorityShare: share,
    /** Each counter's breaks: `count` pauses of `minutes`, each starting at a uniform time in [from, to] (taken when the current citizen is done). */
    breaks: z.object({ count: z.number().int().min(0).max(10), minutes, from: TimeOfDay, to: TimeOfDay }),
    /** Minutes after opening each counter opens: exponential with this mean. */
    counterOpensLateMeanMin: minutes,
    /** After closing time counters serve the citizens still in the hall for at most this long; then the supervisor ends the day. */
    overtimeMin: minutes,
    /** Called citizens who come only after a recall, and who never come (marked no-show at the counter). */
    recallShare: share,
    counterNoShowShare: share,
    /** Citizens the counter transfers to another service (picked by the service mix) before finishing. */
    transferShare: share,
    /** Finishing outcome codes (of the hall's settings) and their relative weights. */
    outcomes: z.record(z.string(), z.number().min(0)),
  })
  .strict()
  .refine((s) => s.appointmentCounters <= s.counters, { message: 'appointmentCounters cannot exceed counters', path: ['appointmentCounters'] })
  .refine((s) => s.hours.opens < s.hours.closes, { message: 'the hall must open before it closes', path: ['hours'] })
  .refine((s) => s.appointmentHours.start < s.appointmentHours.end, { message: 'appointment hours must start before they end', path: ['appointmentHours'] })
  .refine((s) => s.breaks.from <= s.breaks.to, { message: 'breaks.from must not be after breaks.to', path: ['breaks'] })
  .refine((s) => Object.values(s.arrivalsByHour).some((w) => w > 0), { message: 'some hour must have arrivals', path: ['arrivalsByHour'] })
  .refine((s) => Object.values(s.serviceMix).some((w) => w > 0), { message: 'some service must have a share', path: ['serviceMix'] })
  .refine((s) => Object.values(s.outcomes).some((w) => w > 0), { message: 'some outcome must have a weight', path: ['outcomes'] });
export type Scenario = z.infer<typeof Scenario>;

/** The mode counter `n` works in. */
export function counterModeOf(s: Scenario, n: number): CounterMode {
  return s.modes?.[n] ?? (n <= s.appointmentCounters ? s.appointmentMode : 'general');
}

/** The appointment schedule's seats: one per counter 1…n that takes appointments. */
export function appointmentSeats(s: Scenario): number {
  let seats = 0;
  for (let n = 1; n <= s.counters; n++) if (counterModeOf(s, n) !== 'general') seats++;
  return seats;
}

export const DEFAULT_SCENARIO_FILE = new URL('./scenarios/busy-housing-day.json', import.meta.url);

/** Reads and checks a scenario file (a zod error names the field that does not fit). */
export function loadScenario(file: string | URL = DEFAULT_SCENARIO_FILE): Scenario {
  return Scenario.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The scenario with one numeric field changed (`path` dotted for nested fields, e.g. `breaks.minutes`); checked again. */
export function withField(s: Scenario, path: string, value: number): Scenario {
  const copy: Record<string, unknown> = structuredClone(s);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (typeof next !== 'object' || next === null) throw new Error(`the scenario has no field ${path}`);
    at = next as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (typeof at[last] !== 'number') throw new Error(`${path} is not a numeric field of the scenario`);
  at[last] = value;
  return Scenario.parse(copy);
}
