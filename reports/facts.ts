// One hall day's events folded into the facts the reports add up: each ticket's waits, calls and
// service segments, each counter's open / paused / serving time per staff member, and the
// check-ins. Pure: events in (in stored order), facts out.
import type { TicketKind } from '../protocol/domain.ts';
import type { HallEvent } from '../protocol/events.ts';

/** The event types a report reads (the rest do not change a figure). */
export const REPORT_EVENT_TYPES = [
  'ticket_issued',
  'ticket_called',
  'ticket_recalled',
  'ticket_started',
  'ticket_finished',
  'ticket_transferred',
  'ticket_no_show',
  'ticket_cancelled',
  'counter_opened',
  'counter_closed',
  'counter_paused',
  'counter_resumed',
  'appointment_checked_in',
  'appointment_late_converted',
] as const satisfies readonly HallEvent['type'][];
export type ReportEvent = Extract<HallEvent, { type: (typeof REPORT_EVENT_TYPES)[number] }>;

/** A ticket's stay at one counter: called, maybe started, then ended one way or another. */
export interface Segment {
  counter: number;
  userId: number | null;
  calledAt: number;
  startedAt: number | null;
  endedAt: number;
  end: 'finish' | 'transfer' | 'no_show' | 'cancel';
  outcome: string | null;
  recalls: number;
}

export interface TicketFact {
  id: string;
  day: string;
  /** As issued: a late-converted appointment is a walk-in. */
  kind: TicketKind;
  /** The service it was issued for (what the citizen came for), whatever transfers followed. */
  serviceId: string;
  issuedAt: number;
  slotStart: number | null;
  appointmentId: string | null;
  /** Minutes the kiosk promised at issue; null when it gave none or did not record it. */
  estimate: number | null;
  firstCalledAt: number | null;
  /** Start and end of each time it waited, flat: [start, end, start, end, …]. */
  waits: number[];
  segments: Segment[];
  finished: boolean;
}

/** One staff member's time at one counter on one day (userId null: open without a known holder). */
export interface CounterTime {
  counter: number;
  userId: number | null;
  openMs: number;
  pausedMs: number;
  servingMs: number;
}

export interface DayFacts {
  day: string;
  tickets: TicketFact[];
  counterTimes: CounterTime[];
  /** Check-in instants by appointment id. */
  checkIns: Map<string, number>;
}

interface LiveCounter {
  userId: number | null;
  openedAt: number;
  pausedAt: number | null;
  lastAt: number;
  time: CounterTime;
}

interface LiveTicket {
  fact: TicketFact;
  waitingSince: number | null;
  segment: Omit<Segment, 'endedAt' | 'end' | 'outcome'> | null;
}

/**
 * Folds one day's report events (REPORT_EVENT_TYPES, stored order). Intervals the day leaves open
 * (a counter nobody closed, tickets the midnight rollover cancelled) end at the last thing that
 * happened in the hall that day, not at midnight.
 */
export function foldDay(day: string, events: Iterable<ReportEvent>): DayFacts {
  const tickets = new Map<string, LiveTicket>();
  const counters = new Map<number, LiveCounter>();
  const times = new Map<string, CounterTime>();
  const checkIns = new Map<string, number>();
  let lastActivity = 0;

  const timeOf = (counter: number, userId: number | null) => {
    const key = `${counter}:${userId ?? ''}`;
    let t = times.get(key);
    if (!t) times.set(key, (t = { counter, userId, openMs: 0, pausedMs: 0, servingMs: 0 }));
    return t;
  };
  const endWait = (t: LiveTicket, at: number) => {
    if (t.waitingSince === null) return;
    t.fact.waits.push(t.waitingSince, at);
    t.waitingSince = null;
  };
  const endSegment = (t: LiveTicket, at: number, end: Segment['end'], outcome: string | null = null) => {
    const s = t.segment;
    if (!s) return;
    t.fact.segments.push({ ...s, endedAt: at, end, outcome });
    timeOf(s.counter, s.userId).servingMs += at - s.calledAt;
    t.segment = null;
  };
  const closeCounter = (n: number, at: number) => {
    const c = counters.get(n);
    if (!c) return;
    if (c.pausedAt !== null) c.time.pausedMs += at - c.pausedAt;
    c.time.openMs += at - c.openedAt;
    counters.delete(n);
  };

  for (const e of events) {
    // The midnight rollover cancels what is still open: left to the end of the fold below.
    if (e.type === 'ticket_cancelled' && e.reason === undefined) continue;
    lastActivity = Math.max(lastActivity, e.at);
    if ('counter' in e) {
      const c = counters.get(e.counter);
      if (c) c.lastAt = e.at;
    }
    switch (e.type) {
      case 'ticket_issued': {
        const t = e.ticket;
        const fact: TicketFact = {
          id: t.id,
          day,
          kind: t.kind,
          serviceId: t.serviceId,
          issuedAt: t.issuedAt,
          slotStart: t.slotStart,
          appointmentId: t.appointmentId,
          estimate: e.estimatedWaitMin ?? null,
          firstCalledAt: null,
          waits: [],
          segments: [],
          finished: false,
        };
        tickets.set(t.id, { fact, waitingSince: e.at, segment: null });
        break;
      }
      case 'ticket_called': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        endWait(t, e.at);
        t.fact.firstCalledAt ??= e.at;
        t.segment = { counter: e.counter, userId: counters.get(e.counter)?.userId ?? null, calledAt: e.at, startedAt: null, recalls: 0 };
        break;
      }
      case 'ticket_recalled': {
        const s = tickets.get(e.ticketId)?.segment;
        if (s) s.recalls++;
        break;
      }
      case 'ticket_started': {
        const s = tickets.get(e.ticketId)?.segment;
        if (s) s.startedAt = e.at;
        break;
      }
      case 'ticket_finished': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        endSegment(t, e.at, 'finish', e.outcome);
        t.fact.finished = true;
        break;
      }
      case 'ticket_transferred': {
        // Also a counter handing back the tickets waiting for it alone: those were never at it.
        const t = tickets.get(e.ticketId);
        if (!t) break;
        endSegment(t, e.at, 'transfer');
        t.waitingSince ??= e.at;
        break;
      }
      case 'ticket_no_show': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        endSegment(t, e.at, 'no_show');
        if (e.requeued) t.waitingSince = e.at;
        break;
      }
      case 'ticket_cancelled': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        endSegment(t, e.at, 'cancel');
        endWait(t, e.at);
        break;
      }
      case 'counter_opened':
        closeCounter(e.counter, e.at);
        counters.set(e.counter, { userId: e.userId, openedAt: e.at, pausedAt: null, lastAt: e.at, time: timeOf(e.counter, e.userId) });
        break;
      case 'counter_closed':
        closeCounter(e.counter, e.at);
        break;
      case 'counter_paused': {
        const c = counters.get(e.counter);
        if (c && c.pausedAt === null) c.pausedAt = e.at;
        break;
      }
      case 'counter_resumed': {
        const c = counters.get(e.counter);
        if (c && c.pausedAt !== null) {
          c.time.pausedMs += e.at - c.pausedAt;
          c.pausedAt = null;
        }
        break;
      }
      case 'appointment_checked_in':
      case 'appointment_late_converted':
        checkIns.set(e.appointmentId, e.at);
        break;
    }
  }
  // What the day left open ends with the day's last activity.
  for (const [n, c] of counters) closeCounter(n, Math.max(c.lastAt, c.pausedAt ?? 0));
  for (const t of tickets.values()) {
    endSegment(t, Math.max(lastActivity, t.segment?.calledAt ?? 0), 'cancel');
    endWait(t, Math.max(lastActivity, t.waitingSince ?? 0));
  }
  return { day, tickets: [...tickets.values()].map((t) => t.fact), counterTimes: [...times.values()], checkIns };
}
