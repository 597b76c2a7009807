// Folding events into state. Deterministic; mutates the state it is given (the hub keeps one live
// state and applies each committed event once — copying the day's tickets per event would make
// every command cost as much as the day's history).
// The reducer serves both audiences: the hub and staff screens fold stored events into the staff
// state, public screens fold redacted events into the public state.
import type { Counter, PublicTicket } from '../protocol/domain.ts';
import type { EventOf, HallEvent, PublicHallEvent } from '../protocol/events.ts';
import { lineUp } from './lines.ts';
import type { HallState, PublicHallState } from './types.ts';

type AnyEvent = HallEvent | PublicHallEvent;

const clone = <T>(v: T): T => structuredClone(v);

/** The state a day starts with, from its checkpoint event. */
export function stateFromCheckpoint(e: EventOf<'day_opened'>): HallState;
export function stateFromCheckpoint(e: Extract<PublicHallEvent, { type: 'day_opened' }>): PublicHallState;
export function stateFromCheckpoint(e: Extract<AnyEvent, { type: 'day_opened' }>): PublicHallState {
  return {
    day: e.day,
    settings: clone(e.settings),
    services: Object.fromEntries(e.services.map((s) => [s.id, clone(s)])),
    counters: Object.fromEntries(e.counters.map((c) => [c.number, clone(c)])),
    tickets: {},
    waiting: {},
    appointments: Object.fromEntries(e.appointments.filter((a) => a.day === e.day).map((a) => [a.id, clone(a)])),
    lastNumber: {},
    recentDurations: clone(e.recentDurations),
    outOfService: {},
    ticker: {},
    endedAt: null,
    firstCalledAt: {},
    counterChangedAt: {},
  };
}

/** Folds a list of events (starting with a `day_opened`) into a fresh state. */
export function foldEvents(events: readonly HallEvent[]): HallState {
  const [first, ...rest] = events;
  if (first?.type !== 'day_opened') throw new Error('an event history starts with day_opened');
  let state: HallState = stateFromCheckpoint(first);
  // A rollover inside the history (day_closed + day_opened) replaces the state: keep what applyEvent returns.
  for (const e of rest) state = applyEvent(state, e);
  return state;
}

function ticket(state: PublicHallState, id: string): PublicTicket {
  const t = state.tickets[id];
  if (!t) throw new Error(`event names unknown ticket ${id}`);
  return t;
}

function counter(state: PublicHallState, n: number): Counter {
  const c = state.counters[n];
  if (!c) throw new Error(`event names unknown counter ${n}`);
  return c;
}

function setWaiting(state: PublicHallState, t: PublicTicket, waiting: boolean) {
  if (waiting) state.waiting[t.id] = true;
  else delete state.waiting[t.id];
  lineUp(state, t);
}

/** Applies one event. Returns the same (mutated) state, or a new one for `day_opened`. */
export function applyEvent(state: HallState, e: HallEvent): HallState;
export function applyEvent(state: PublicHallState, e: PublicHallEvent): PublicHallState;
export function applyEvent(state: PublicHallState, e: AnyEvent): PublicHallState {
  noteTimes(state, e);
  switch (e.type) {
    case 'day_opened':
      return stateFromCheckpoint(e);
    case 'day_closed':
      return state; // the following day_opened replaces everything
    case 'settings_changed':
      state.settings = clone(e.settings);
      return state;
    case 'ticket_issued': {
      const t = clone(e.ticket);
      state.tickets[t.id] = t;
      state.lastNumber[t.prefix] = Math.max(state.lastNumber[t.prefix] ?? 0, t.number);
      setWaiting(state, t, t.status === 'waiting');
      return state;
    }
    case 'appointment_booked':
      if (e.appointment.day === state.day) state.appointments[e.appointment.id] = clone(e.appointment);
      return state;
    case 'appointment_rescheduled':
      // Moved onto today: the engine now knows it; moved away from today: it leaves today's state.
      if (e.appointment.day === state.day) state.appointments[e.appointment.id] = clone(e.appointment);
      else delete state.appointments[e.appointment.id];
      return state;
    case 'appointment_cancelled':
    case 'appointment_no_show': {
      const a = state.appointments[e.appointmentId];
      if (a) a.status = e.type === 'appointment_cancelled' ? 'cancelled' : 'no_show';
      return state;
    }
    case 'appointment_checked_in':
    case 'appointment_late_converted': {
      const a = state.appointments[e.appointmentId];
      if (a) {
        a.status = e.type === 'appointment_checked_in' ? 'checked_in' : 'late_converted';
        a.ticketId = e.ticketId;
      }
      return state;
    }
    case 'counter_opened': {
      const c = counter(state, e.counter);
      Object.assign(c, { open: true, userId: e.userId, paused: false, pauseReason: null });
      return state;
    }
    case 'counter_closed': {
      const c = counter(state, e.counter);
      Object.assign(c, { open: false, userId: null, paused: false, pauseReason: null });
      return state;
    }
    case 'counter_mode_changed':
      counter(state, e.counter).mode = e.mode;
      return state;
    case 'counter_paused':
      Object.assign(counter(state, e.counter), { paused: true, pauseReason: e.reason });
      return state;
    case 'counter_resumed':
      Object.assign(counter(state, e.counter), { paused: false, pauseReason: null });
      return state;
    case 'ticket_called': {
      const t = ticket(state, e.ticketId);
      Object.assign(t, { status: 'called', counter: e.counter, calledAt: e.at, targetCounter: null });
      setWaiting(state, t, false);
      counter(state, e.counter).currentTicketId = t.id;
      return state;
    }
    case 'ticket_recalled':
      ticket(state, e.ticketId).recalls = e.recalls;
      return state;
    case 'ticket_no_show': {
      const t = ticket(state, e.ticketId);
      if (e.requeued) Object.assign(t, { status: 'waiting', counter: null, calledAt: null, recalls: 0, requeued: true });
      else t.status = 'no_show';
      setWaiting(state, t, e.requeued);
      counter(state, e.counter).currentTicketId = null;
      return state;
    }
    case 'ticket_started':
      Object.assign(ticket(state, e.ticketId), { status: 'serving', startedAt: e.at });
      return state;
    case 'ticket_finished': {
      const t = ticket(state, e.ticketId);
      // The public event carries no outcome or note, and the public ticket has no place for them.
      Object.assign(t, { status: 'done', finishedAt: e.at }, 'outcome' in e ? { outcome: e.outcome, note: e.note } : {});
      counter(state, e.counter).currentTicketId = null;
      const window = state.settings.serviceTimeWindow;
      const recent = [...(state.recentDurations[t.serviceId] ?? []), e.durationMs];
      state.recentDurations[t.serviceId] = recent.slice(-window);
      return state;
    }
    case 'ticket_transferred': {
      // Same paper ticket, same number, same issuedAt: it keeps its place in line.
      const t = ticket(state, e.ticketId);
      Object.assign(t, {
        status: 'waiting',
        serviceId: e.toServiceId,
        targetCounter: e.toCounter,
        counter: null,
        calledAt: null,
        startedAt: null,
        recalls: 0,
        transfers: t.transfers + 1,
      });
      setWaiting(state, t, true);
      counter(state, e.fromCounter).currentTicketId = null;
      return state;
    }
    case 'ticket_cancelled': {
      const t = ticket(state, e.ticketId);
      t.status = 'cancelled';
      setWaiting(state, t, false);
      for (const c of Object.values(state.counters)) if (c.currentTicketId === t.id) c.currentTicketId = null;
      return state;
    }
    case 'service_saved':
      state.services[e.service.id] = clone(e.service);
      return state;
    case 'counter_saved': {
      // A new counter starts closed; an existing one keeps its live state (open, user, ticket).
      const live = state.counters[e.counter.number] ?? {
        open: false,
        userId: null,
        paused: false,
        pauseReason: null,
        currentTicketId: null,
      };
      state.counters[e.counter.number] = { ...live, ...clone(e.counter) };
      return state;
    }
    // --- the supervisor's live hall
    case 'counter_out_of_service':
      state.outOfService[e.counter] = { reason: e.reason, at: e.at };
      return state;
    case 'counter_restored':
      delete state.outOfService[e.counter];
      return state;
    case 'counter_services_changed':
      counter(state, e.counter).serviceIds = [...e.serviceIds];
      return state;
    case 'ticket_moved': {
      const t = ticket(state, e.ticketId);
      Object.assign(t, { serviceId: e.toServiceId, targetCounter: e.toCounter, transfers: t.transfers + 1 });
      lineUp(state, t);
      return state;
    }
    case 'ticker_set':
      state.ticker[e.message.id] = clone(e.message);
      return state;
    case 'ticker_removed':
      delete state.ticker[e.id];
      return state;
    case 'day_ended':
      state.endedAt = e.at;
      return state;
  }
}

/** The times the supervisor's figures need and the tickets and counters do not keep: first calls, and each counter's last change. */
function noteTimes(state: PublicHallState, e: AnyEvent) {
  if (e.type === 'ticket_called') state.firstCalledAt[e.ticketId] ??= e.at;
  if ('counter' in e && typeof e.counter === 'number') state.counterChangedAt[e.counter] = e.at;
  else if (e.type === 'ticket_transferred') state.counterChangedAt[e.fromCounter] = e.at;
}
