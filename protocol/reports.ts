// The supervisor's reports: the query (a range of hall days and filters) and the report, computed
// from the stored events (reports/). The same numbers feed the console's charts, the CSV export and
// the API. Minutes are decimal minutes; a share is 0…1; null where there is nothing to measure.
import { z } from 'zod';
import { CalendarDay } from './api.ts';
import { CounterNumber, Day, ServiceId, TicketKind } from './domain.ts';
import { Satisfaction } from './feedback.ts';

/** The longest range one report covers (a year and a day). */
export const MAX_REPORT_DAYS = 366;

const Filters = z.object({
  serviceId: z.optional(ServiceId),
  kind: z.optional(TicketKind),
  /** Tickets called at this counter at least once; the counters table keeps only this counter. */
  counter: z.coerce.number().pipe(CounterNumber).optional(),
  /** Tickets called by this staff member at least once; the staff table keeps only them. */
  userId: z.coerce.number().int().min(1).optional(),
});

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const rangeRules = <T extends z.ZodType<{ from: string; to: string; pivot?: string | undefined }>>(schema: T) =>
  schema
    .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] })
    .refine((q) => dayCount(q.from, q.to) <= MAX_REPORT_DAYS, { message: `a report covers at most ${MAX_REPORT_DAYS} days`, path: ['to'] })
    .refine((q) => q.pivot === undefined || (q.pivot > q.from && q.pivot <= q.to), {
      message: '`pivot` must be a day after `from` and not after `to`',
      path: ['pivot'],
    });

export const ReportQuery = rangeRules(
  Filters.extend({
    /** Hall days (local dates), both inclusive. */
    from: CalendarDay,
    to: CalendarDay,
    /** The pilot question's date (e.g. the rollout day): the KPIs before it and from it on. */
    pivot: z.optional(CalendarDay),
  }).strict(),
);
export type ReportQuery = z.output<typeof ReportQuery>;

export const ReportTable = z.enum([
  'daily',
  'service-level',
  'wait',
  'crowding',
  'heatmap',
  'appointments',
  'counters',
  'staff',
  'pilot',
  'estimate-accuracy',
  'satisfaction',
]);
export type ReportTable = z.infer<typeof ReportTable>;

export const ReportExportQuery = rangeRules(
  Filters.extend({
    from: CalendarDay,
    to: CalendarDay,
    pivot: z.optional(CalendarDay),
    table: ReportTable,
    /** The language of the column headings (service names come in both). */
    lang: z.enum(['ar', 'en']).default('en'),
  }).strict(),
);

const share = z.number().min(0).max(1).nullable();
const minutes = z.number().nullable();

/** A distribution of minutes: waits, service times, lateness. */
export const MinuteStats = z.object({ count: z.number().int().min(0), mean: minutes, median: minutes, p90: minutes, max: minutes });
export type MinuteStats = z.infer<typeof MinuteStats>;
const byKind = <T extends z.ZodType>(t: T) => z.object({ all: t, appointment: t, walkin: t });

/** The headline numbers of a part of the hall (a kind of ticket, or the days before or after the pivot). */
export const Kpis = z.object({
  /** Days in it with at least one ticket. */
  days: z.number().int().min(0),
  tickets: z.number().int().min(0),
  /** Tickets per day with tickets. */
  ticketsPerDay: z.number().nullable(),
  served: z.number().int().min(0),
  medianWait: minutes,
  p90Wait: minutes,
  /** Called within the service-level target. */
  serviceLevel: share,
  overHour: share,
  medianServiceTime: minutes,
  peakWaiting: z.number().int().min(0),
  /** Appointments not kept among those due (kept or no-show); null for walk-ins. */
  noShowRate: share,
  /** Mean absolute error of the kiosk's estimate, in minutes. */
  estimateError: minutes,
});
export type Kpis = z.infer<typeof Kpis>;

export const CounterReportRow = z.object({
  served: z.number().int().min(0),
  calls: z.number().int().min(0),
  /** Mean minutes from start (or call, when never started) to finish or transfer. */
  avgServiceMin: minutes,
  openMin: z.number().min(0),
  /** With a ticket (called until finished, transferred or no-show). */
  servingMin: z.number().min(0),
  pausedMin: z.number().min(0),
  /** Open, not paused and without a ticket. */
  idleMin: z.number().min(0),
  recalls: z.number().int().min(0),
  transfers: z.number().int().min(0),
  noShows: z.number().int().min(0),
  /** Finished tickets by outcome code. */
  outcomes: z.record(z.string(), z.number().int().min(0)),
});

export const Report = z.object({
  from: Day,
  to: Day,
  /** Days in the range with at least one ticket (the averages per day divide by it). */
  days: z.number().int().min(0),
  serviceLevel: z.object({
    targetMinutes: z.number().int(),
    targetPercent: z.number().int(),
    /** Tickets that were called (the denominator). */
    called: z.number().int().min(0),
    within: share,
    overHour: share,
    perService: z.array(z.object({ serviceId: ServiceId, targetMinutes: z.number().int(), called: z.number().int().min(0), within: share, overHour: share })),
  }),
  /** Issue (or check-in) → first call. */
  wait: byKind(MinuteStats),
  /** Start → finish, a ticket's segments at every counter added up. */
  serviceTime: byKind(MinuteStats),
  noShowRate: share,
  peakWaiting: z.object({ count: z.number().int().min(0), day: Day, time: z.string() }).nullable(),
  /** The day in 15-minute slots (hall time), averaged over the days with tickets. */
  crowding: z.array(
    z.object({
      /** HH:MM, the slot's start. */
      time: z.string(),
      arrivals: z.number().min(0),
      /** Most people waiting at once in the slot (averaged over days)… */
      waiting: z.number().min(0),
      /** …and on the worst day. */
      peak: z.number().int().min(0),
      /** Still waiting at the slot's end: carried into the next slot. */
      backlog: z.number().min(0),
    }),
  ),
  /** Weekday (0 = Sunday) × hour: arrivals per such day and the mean most-waiting-at-once. */
  heatmap: z.array(z.object({ weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23), arrivals: z.number(), waiting: z.number() })),
  appointments: z.object({
    /** Booked for a day in the range (whatever became of them). */
    booked: z.number().int().min(0),
    kept: z.number().int().min(0),
    lateConverted: z.number().int().min(0),
    noShow: z.number().int().min(0),
    cancelled: z.number().int().min(0),
    keptRate: share,
    noShowRate: share,
    cancelRate: share,
    /** Check-in minus slot start (negative: early). */
    lateness: MinuteStats,
    /** Days between booking and the appointment's day. */
    leadDays: z.object({ median: z.number().nullable(), buckets: z.array(z.object({ label: z.string(), count: z.number().int().min(0) })) }),
    /** First call minus slot start: how punctual the hall was. */
    punctuality: MinuteStats,
  }),
  counters: z.array(CounterReportRow.extend({ counter: CounterNumber })),
  staff: z.array(CounterReportRow.extend({ userId: z.number().int(), name: z.string() })),
  pilot: z.object({ pivot: z.nullable(Day), appointment: Kpis, walkin: Kpis, before: Kpis.nullable(), after: Kpis.nullable() }),
  estimateAccuracy: z.object({
    all: z.object({ count: z.number().int().min(0), meanAbsError: minutes, within5: share, meanError: minutes }),
    perService: z.array(z.object({ serviceId: ServiceId, count: z.number().int().min(0), meanAbsError: minutes, within5: share, meanError: minutes })),
  }),
  daily: z.array(
    z.object({
      day: Day,
      tickets: z.number().int(),
      served: z.number().int(),
      medianWait: minutes,
      p90Wait: minutes,
      serviceLevel: share,
      peakWaiting: z.number().int(),
    }),
  ),
  /** The citizens' answers to the status page's question after service (the feedback table). */
  satisfaction: Satisfaction,
  /** Names of the services the report mentions (the CSV and the charts' labels). */
  services: z.array(z.object({ id: ServiceId, nameAr: z.string(), nameEn: z.string(), colour: z.string() })),
  /** How long the hub took, in ms. */
  tookMs: z.number(),
});
export type Report = z.infer<typeof Report>;

/** The CSV export: UTF-8 with a byte-order mark (Excel then shows Arabic). */
export const CsvReply = z.object({ filename: z.string(), csv: z.string() });

// --- the rollout planner's what-if (simulator/, server/whatif.ts)

/** How long the hub lets a what-if run before it stops it (503 WHATIF_FAILED); the console waits as long, and a little more. */
export const WHATIF_TIMEOUT_MS = 60_000;

/** The headline numbers of a simulated range, as the simulator's comparison prints them. */
export const HallKpis = z.object({
  days: z.number().int().min(0),
  tickets: z.number().int().min(0),
  medianWait: z.object({ appointment: minutes, walkin: minutes }),
  p90Wait: z.object({ appointment: minutes, walkin: minutes }),
  /** Called within the hall's service-level target. */
  serviceLevel: share,
  targetMinutes: z.number().int(),
  /** Most people waiting at once: on the worst day, and the mean of the daily peaks. */
  peakWaiting: z.number().int().min(0),
  meanDailyPeak: z.number().nullable(),
  /** Open, unpaused counters without a citizen: minutes per day, all counters together. */
  idleMinPerDay: z.number().nullable(),
});
export type HallKpis = z.infer<typeof HallKpis>;

/** What the simulated day is modelled on: the hall's last four weeks, or (too little history) the default busy day. */
export const WhatIfBasis = z.object({
  from: Day,
  to: Day,
  /** Days with tickets in from…to. */
  openDays: z.number().int().min(0),
  source: z.enum(['history', 'default']),
});
export type WhatIfBasis = z.infer<typeof WhatIfBasis>;

export const RolloutWhatIfReply = z.object({
  basis: WhatIfBasis,
  /** The simulated demand: citizens a day and the share of them who booked. */
  citizensPerDay: z.number().min(0),
  bookedShare: z.number().min(0).max(1),
  /** Open days simulated under each configuration (the same citizens). */
  simulatedDays: z.number().int().min(1),
  /** The counters' modes and the appointment hours in force now, and with the plan. */
  current: HallKpis,
  plan: HallKpis,
  tookMs: z.number(),
});
export type RolloutWhatIfReply = z.infer<typeof RolloutWhatIfReply>;
