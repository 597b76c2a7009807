// The queue engine: (state, command, now) → events. Pure: no I/O, no clock, no randomness —
// tokens and ids arrive inside commands.
import { type Appointment, type Counter, DAY_ENDED_REASON, MAX_ACTIVE_TICKER, type Ticket } from '../protocol/domain.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import type { HallEvent } from '../protocol/events.ts';
import { activeTicker } from './hall-stats.ts';
import { callOrder, canCall, estimateWait, pickNext, walkinHold } from './select.ts';
import { freshTicket } from './ticket.ts';
import { localDay } from './time.ts';
import type { CheckInResult, Command, Decision, HallState, SupervisionCommand } from './types.ts';

const MINUTE = 60_000;

const fail = (code: ErrorCode, message: string, details?: unknown): Decision => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
const ok = (events: HallEvent[], extra: Partial<Extract<Decision, { ok: true }>> = {}): Decision => ({ ok: true, events, ...extra });

export const ticketLabel = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, '0')}`;
export const ticketId = (day: string, prefix: string, n: number) => `${day}_${prefix}${n}`;

function newTicket(
  state: HallState,
  now: number,
  fields: Pick<Ticket, 'kind' | 'serviceId' | 'priority' | 'statusToken' | 'cpr' | 'appointmentId' | 'slotStart'>,
  prefix: string,
): Ticket {
  const number = (state.lastNumber[prefix] ?? 0) + 1;
  return freshTicket({ id: ticketId(state.day, prefix, number), day: state.day, prefix, number, label: ticketLabel(prefix, number), issuedAt: now, ...fields });
}

type CounterCheck = { counter: Counter; ticket: Ticket | null } | { error: Decision };

/** The counter a staff action targets, with its current ticket; must be open (and unpaused unless allowed). */
function atCounter(state: HallState, n: number, opts: { allowPaused?: boolean } = {}): CounterCheck {
  const counter = state.counters[n];
  if (!counter) return { error: fail('UNKNOWN_COUNTER', `There is no counter ${n}.`) };
  if (!counter.open) return { error: fail('COUNTER_CLOSED', `Counter ${n} is closed; open it first.`) };
  if (counter.paused && !opts.allowPaused) return { error: fail('COUNTER_PAUSED', `Counter ${n} is paused; resume it first.`) };
  const ticket = counter.currentTicketId ? (state.tickets[counter.currentTicketId] ?? null) : null;
  return { counter, ticket };
}

function withTicket(state: HallState, n: number, allowed: Ticket['status'][]): { counter: Counter; ticket: Ticket } | { error: Decision } {
  const c = atCounter(state, n);
  if ('error' in c) return c;
  if (!c.ticket) return { error: fail('NO_CURRENT_TICKET', `Counter ${n} has no ticket; call one first.`) };
  if (!allowed.includes(c.ticket.status)) {
    return { error: fail('INVALID_TICKET_STATE', `Ticket ${c.ticket.label} is ${c.ticket.status}; this action needs it ${allowed.join(' or ')}.`) };
  }
  return { counter: c.counter, ticket: c.ticket };
}

function callable(state: HallState, n: number): { counter: Counter } | { error: Decision } {
  const c = atCounter(state, n);
  if ('error' in c) return c;
  if (c.ticket) return { error: fail('COUNTER_BUSY', `Counter ${n} already holds ${c.ticket.label}; finish it, transfer it or mark it no-show first.`) };
  return { counter: c.counter };
}

function checkIn(state: HallState, cmd: Extract<Command, { type: 'check_in' }>, now: number): Decision {
  const s = state.settings;
  const open = (a: Appointment) => a.slotStart - s.checkInEarlyMinutes * MINUTE;
  const close = (a: Appointment) => a.slotStart + s.checkInLateMinutes * MINUTE;
  const all = Object.values(state.appointments);
  const mine =
    'cpr' in cmd.by
      ? all.filter((a) => a.cpr === (cmd.by as { cpr: string }).cpr)
      : all.filter((a) => a.reference === (cmd.by as { reference: string }).reference.toUpperCase());
  const already = mine.find((a) => a.status === 'checked_in' || a.status === 'late_converted');
  // A swept (no-show) booking can still be converted when its citizen turns up late — unless that
  // citizen already holds a ticket from another booking today.
  const active = mine.filter((a) => a.status === 'booked' || (a.status === 'no_show' && !already)).sort((a, b) => a.slotStart - b.slotStart);
  // Of several bookings today, the first whose window has not closed, else the last one.
  const appt = active.find((a) => close(a) >= now) ?? active.at(-1);
  if (!appt) {
    if (already) return fail('ALREADY_CHECKED_IN', 'This appointment is already checked in.');
    return fail('NO_APPOINTMENT_TODAY', 'There is no appointment for today with these details.');
  }
  if (now < open(appt)) return ok([], { checkIn: { outcome: 'too_early', comeBackAt: open(appt) } });
  const fields = { serviceId: appt.serviceId, priority: 'none' as const, statusToken: cmd.statusToken, cpr: appt.cpr };
  if (now <= close(appt)) {
    const t = newTicket(state, now, { ...fields, kind: 'appointment', appointmentId: appt.id, slotStart: appt.slotStart }, s.appointmentPrefix);
    const result: CheckInResult = { outcome: 'checked_in', ticketId: t.id };
    return ok([issued(state, t, now), { type: 'appointment_checked_in', at: now, appointmentId: appt.id, ticketId: t.id }], {
      ticketId: t.id,
      checkIn: result,
    });
  }
  if (!s.lateConvertsToWalkin) return ok([], { checkIn: { outcome: 'too_late' } });
  const service = state.services[appt.serviceId];
  if (!service) return fail('UNKNOWN_SERVICE', `Service ${appt.serviceId} no longer exists.`);
  const t = newTicket(state, now, { ...fields, kind: 'walkin', appointmentId: appt.id, slotStart: null }, service.prefix);
  return ok([issued(state, t, now), { type: 'appointment_late_converted', at: now, appointmentId: appt.id, ticketId: t.id }], {
    ticketId: t.id,
    checkIn: { outcome: 'late_converted', ticketId: t.id },
  });
}

/** A new ticket's event, with the wait the kiosk promises for it (the reports compare it with the real wait). */
function issued(state: HallState, t: Ticket, now: number): HallEvent {
  return { type: 'ticket_issued', at: now, ticket: t, estimatedWaitMin: estimateWait(state, t, now).estimatedWaitMin };
}

function rollover(state: HallState, cmd: Extract<Command, { type: 'rollover' }>, now: number): Decision {
  if (cmd.day <= state.day) return fail('NOT_A_NEW_DAY', `Day ${cmd.day} is not after ${state.day}.`);
  const events: HallEvent[] = [];
  // Nothing of yesterday stays callable: open tickets are closed, unkept bookings are no-shows.
  for (const t of Object.values(state.tickets)) {
    if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') events.push({ type: 'ticket_cancelled', at: now, ticketId: t.id });
  }
  for (const a of Object.values(state.appointments)) {
    if (a.status === 'booked') events.push({ type: 'appointment_no_show', at: now, appointmentId: a.id });
  }
  events.push({ type: 'day_closed', at: now, day: state.day });
  events.push({
    type: 'day_opened',
    at: now,
    day: cmd.day,
    settings: state.settings,
    services: Object.values(state.services),
    counters: Object.values(state.counters).map((c) => ({ ...c, open: false, userId: null, paused: false, pauseReason: null, currentTicketId: null })),
    appointments: cmd.appointments.filter((a) => a.day === cmd.day),
    recentDurations: state.recentDurations,
  });
  events.push(...carriedTicker(state, now));
  return ok(events);
}

export function decide(state: HallState, cmd: Command, now: number): Decision {
  const today = cmd.type === 'rollover' ? state.day : localDay(now, state.settings.timeZone);
  if (today > state.day) return fail('DAY_CLOSED', `The service day ${state.day} is over; the hub is rolling over to the new day.`);
  if (today < state.day) return fail('DAY_CLOSED', `The clock (${today}) is behind the service day ${state.day}.`);
  const refused = supervisionRefusal(state, cmd);
  if (refused) return refused;
  switch (cmd.type) {
    case 'issue_walkin': {
      const service = state.services[cmd.serviceId];
      if (!service) return fail('UNKNOWN_SERVICE', `There is no service ${cmd.serviceId}.`);
      if (!service.kioskVisible || !service.active) return fail('SERVICE_NOT_AVAILABLE', `Service ${cmd.serviceId} does not take walk-ins.`);
      const t = newTicket(
        state,
        now,
        { kind: 'walkin', serviceId: service.id, priority: cmd.priority, statusToken: cmd.statusToken, cpr: cmd.cpr, appointmentId: null, slotStart: null },
        service.prefix,
      );
      return ok([issued(state, t, now)], { ticketId: t.id });
    }
    case 'check_in':
      return checkIn(state, cmd, now);
    case 'open_counter': {
      const c = state.counters[cmd.counter];
      if (!c) return fail('UNKNOWN_COUNTER', `There is no counter ${cmd.counter}.`);
      if (c.open && c.userId === cmd.userId) return ok([]); // a reload reopens the same session
      if (c.open) return fail('COUNTER_TAKEN', `Counter ${cmd.counter} is already open by another user.`);
      if (!c.active) return fail('COUNTER_INACTIVE', `Counter ${cmd.counter} is out of use.`);
      const other = Object.values(state.counters).find((o) => o.open && o.userId === cmd.userId);
      if (other) return fail('USER_AT_OTHER_COUNTER', `You already have counter ${other.number} open; close it first.`);
      return ok([{ type: 'counter_opened', at: now, counter: cmd.counter, userId: cmd.userId }]);
    }
    case 'close_counter': {
      const c = state.counters[cmd.counter];
      if (!c) return fail('UNKNOWN_COUNTER', `There is no counter ${cmd.counter}.`);
      if (!c.open) return fail('COUNTER_CLOSED', `Counter ${cmd.counter} is already closed.`);
      if (c.currentTicketId) return fail('COUNTER_BUSY', `Counter ${cmd.counter} still holds a ticket; finish or transfer it first.`);
      // Tickets handed to this counter must not wait for it overnight.
      return ok([...handBack(state, cmd.counter, now), { type: 'counter_closed', at: now, counter: cmd.counter }]);
    }
    case 'set_counter_mode': {
      const c = state.counters[cmd.counter];
      if (!c) return fail('UNKNOWN_COUNTER', `There is no counter ${cmd.counter}.`);
      return ok(c.mode === cmd.mode ? [] : [{ type: 'counter_mode_changed', at: now, counter: cmd.counter, mode: cmd.mode }]);
    }
    case 'call_next': {
      const c = callable(state, cmd.counter);
      if ('error' in c) return c.error;
      const t = pickNext(state, cmd.counter, now);
      if (!t) {
        // Walk-ins wait, but the guard keeps "call next" for a booking: say which and until when.
        const hold = callOrder(state, cmd.counter, now).length > 0 ? walkinHold(state, c.counter, now) : null;
        if (hold) return fail('WALKINS_HELD', 'Call next is holding this counter for a booking due soon; walk-ins can be called from the list.', hold);
        return fail('QUEUE_EMPTY', 'No ticket is waiting for this counter.');
      }
      return ok([{ type: 'ticket_called', at: now, ticketId: t.id, counter: cmd.counter }], { ticketId: t.id });
    }
    case 'call_ticket': {
      const c = callable(state, cmd.counter);
      if ('error' in c) return c.error;
      const t = state.tickets[cmd.ticketId];
      if (!t || !canCall(state, c.counter, t, now)) return fail('TICKET_NOT_CALLABLE', 'That ticket is not waiting for this counter.');
      return ok([{ type: 'ticket_called', at: now, ticketId: t.id, counter: cmd.counter }], { ticketId: t.id });
    }
    case 'recall': {
      const c = withTicket(state, cmd.counter, ['called']);
      if ('error' in c) return c.error;
      const t = c.ticket;
      if (t.recalls >= state.settings.maxRecalls) return noShow(state, t, cmd.counter, now);
      return ok([{ type: 'ticket_recalled', at: now, ticketId: t.id, counter: cmd.counter, recalls: t.recalls + 1 }], { ticketId: t.id });
    }
    case 'no_show': {
      const c = withTicket(state, cmd.counter, ['called']);
      if ('error' in c) return c.error;
      return noShow(state, c.ticket, cmd.counter, now);
    }
    case 'start': {
      const c = withTicket(state, cmd.counter, ['called']);
      if ('error' in c) return c.error;
      return ok([{ type: 'ticket_started', at: now, ticketId: c.ticket.id, counter: cmd.counter }], { ticketId: c.ticket.id });
    }
    case 'finish': {
      const c = withTicket(state, cmd.counter, ['serving']);
      if ('error' in c) return c.error;
      const durationMs = Math.max(0, now - (c.ticket.startedAt ?? now));
      return ok([{ type: 'ticket_finished', at: now, ticketId: c.ticket.id, counter: cmd.counter, outcome: cmd.outcome, note: cmd.note, durationMs }], {
        ticketId: c.ticket.id,
      });
    }
    case 'transfer': {
      const c = withTicket(state, cmd.counter, ['called', 'serving']);
      if ('error' in c) return c.error;
      if (cmd.toServiceId === null && cmd.toCounter === null) return fail('TRANSFER_TARGET_MISSING', 'Choose a service or a counter to transfer to.');
      if (cmd.toServiceId !== null && !state.services[cmd.toServiceId]) return fail('UNKNOWN_SERVICE', `There is no service ${cmd.toServiceId}.`);
      if (cmd.toServiceId !== null && !state.services[cmd.toServiceId]!.active)
        return fail('SERVICE_NOT_AVAILABLE', `Service ${cmd.toServiceId} is out of use.`);
      if (cmd.toCounter !== null && !state.counters[cmd.toCounter]) return fail('UNKNOWN_COUNTER', `There is no counter ${cmd.toCounter}.`);
      if (cmd.toCounter !== null && !state.counters[cmd.toCounter]!.active) return fail('COUNTER_INACTIVE', `Counter ${cmd.toCounter} is out of use.`);
      if (cmd.toCounter === cmd.counter) return fail('TRANSFER_TO_SELF', 'A ticket cannot be transferred to the counter that holds it.');
      return ok(
        [
          {
            type: 'ticket_transferred',
            at: now,
            ticketId: c.ticket.id,
            fromCounter: cmd.counter,
            toServiceId: cmd.toServiceId ?? c.ticket.serviceId,
            toCounter: cmd.toCounter,
          },
        ],
        { ticketId: c.ticket.id },
      );
    }
    case 'pause': {
      const c = atCounter(state, cmd.counter, { allowPaused: true });
      if ('error' in c) return c.error;
      if (c.counter.paused) return fail('COUNTER_PAUSED', `Counter ${cmd.counter} is already paused.`);
      if (c.ticket) return fail('COUNTER_BUSY', `Counter ${cmd.counter} still holds ${c.ticket.label}; finish it first.`);
      return ok([{ type: 'counter_paused', at: now, counter: cmd.counter, reason: cmd.reason }]);
    }
    case 'resume': {
      const c = atCounter(state, cmd.counter, { allowPaused: true });
      if ('error' in c) return c.error;
      if (!c.counter.paused) return fail('COUNTER_NOT_PAUSED', `Counter ${cmd.counter} is not paused.`);
      return ok([{ type: 'counter_resumed', at: now, counter: cmd.counter }]);
    }
    case 'book_appointment': {
      const a = cmd.appointment;
      const service = state.services[a.serviceId];
      if (!service) return fail('UNKNOWN_SERVICE', `There is no service ${a.serviceId}.`);
      if (!service.bookable || !service.active) return fail('SERVICE_NOT_BOOKABLE', `Service ${a.serviceId} cannot be booked.`);
      if (state.appointments[a.id]) return fail('DUPLICATE_APPOINTMENT', 'An appointment with this id exists already.');
      if (a.slotStart <= now) return fail('SLOT_IN_PAST', 'That slot has already started.');
      if (localDay(a.slotStart, state.settings.timeZone) !== a.day) return fail('SLOT_DAY_MISMATCH', 'The slot does not fall on the given day.');
      return ok([{ type: 'appointment_booked', at: now, appointment: { ...a, status: 'booked', ticketId: null } }]);
    }
    case 'cancel_appointment': {
      const a = state.appointments[cmd.appointmentId];
      if (a && a.status !== 'booked') return fail('APPOINTMENT_NOT_ACTIVE', `This appointment is ${a.status} and can no longer be cancelled.`);
      return ok([{ type: 'appointment_cancelled', at: now, appointmentId: cmd.appointmentId }]);
    }
    case 'reschedule_appointment': {
      const a = cmd.appointment;
      const service = state.services[a.serviceId];
      if (!service) return fail('UNKNOWN_SERVICE', `There is no service ${a.serviceId}.`);
      if (!service.bookable || !service.active) return fail('SERVICE_NOT_BOOKABLE', `Service ${a.serviceId} cannot be booked.`);
      const live = state.appointments[a.id];
      if (live && live.status !== 'booked') return fail('APPOINTMENT_NOT_ACTIVE', `This appointment is ${live.status} and can no longer be rescheduled.`);
      if (a.status !== 'booked') return fail('APPOINTMENT_NOT_ACTIVE', `This appointment is ${a.status} and can no longer be rescheduled.`);
      if (a.slotStart <= now) return fail('SLOT_IN_PAST', 'That slot has already started.');
      if (localDay(a.slotStart, state.settings.timeZone) !== a.day) return fail('SLOT_DAY_MISMATCH', 'The slot does not fall on the given day.');
      return ok([
        {
          type: 'appointment_rescheduled',
          at: now,
          appointment: { ...a, status: 'booked', ticketId: null },
          fromDay: cmd.from.day,
          fromSlotStart: cmd.from.slotStart,
          fromSlotEnd: cmd.from.slotEnd,
        },
      ]);
    }
    case 'sweep_no_shows': {
      const late = state.settings.checkInLateMinutes * MINUTE;
      const gone = Object.values(state.appointments).filter((a) => a.status === 'booked' && now > a.slotStart + late);
      return ok(gone.map((a) => ({ type: 'appointment_no_show', at: now, appointmentId: a.id })));
    }
    case 'rollover':
      return rollover(state, cmd, now);
    case 'change_settings': {
      const clash = Object.values(state.services).find((s) => s.prefix === cmd.settings.appointmentPrefix);
      if (clash) return fail('PREFIX_IN_USE', `Prefix ${cmd.settings.appointmentPrefix} is already the queue of ${clash.nameEn}.`);
      return ok([{ type: 'settings_changed', at: now, settings: cmd.settings }]);
    }
    case 'save_service':
      return saveService(state, cmd, now);
    case 'save_counter':
      return saveCounter(state, cmd, now);
    case 'force_close_counter':
    case 'set_out_of_service':
    case 'restore_counter':
    case 'set_counter_services':
    case 'move_ticket':
    case 'cancel_ticket':
    case 'set_ticker':
    case 'remove_ticker':
    case 'end_day':
      return supervise(state, cmd, now);
  }
}

/** Tickets waiting for counter `n` alone go back to their service's queue (it closes or leaves the hall). */
function handBack(state: HallState, n: number, now: number): HallEvent[] {
  return Object.keys(state.waiting)
    .map((id) => state.tickets[id]!)
    .filter((t) => t.targetCounter === n)
    .map((t) => ({ type: 'ticket_transferred', at: now, ticketId: t.id, fromCounter: n, toServiceId: t.serviceId, toCounter: null }));
}

function saveService(state: HallState, cmd: Extract<Command, { type: 'save_service' }>, now: number): Decision {
  const s = cmd.service;
  const existing = state.services[s.id];
  if (cmd.create && existing) return fail('SERVICE_EXISTS', `There is already a service ${s.id}.`);
  if (!cmd.create && !existing) return fail('UNKNOWN_SERVICE', `There is no service ${s.id}.`);
  if (s.prefix === state.settings.appointmentPrefix) return fail('PREFIX_IN_USE', `Prefix ${s.prefix} is the appointments' queue.`);
  const clash = Object.values(state.services).find((o) => o.id !== s.id && o.prefix === s.prefix);
  if (clash) return fail('PREFIX_IN_USE', `Prefix ${s.prefix} is already the queue of ${clash.nameEn}.`);
  return ok([{ type: 'service_saved', at: now, service: s }]);
}

function saveCounter(state: HallState, cmd: Extract<Command, { type: 'save_counter' }>, now: number): Decision {
  const c = cmd.counter;
  const existing = state.counters[c.number];
  if (cmd.create && existing) return fail('COUNTER_EXISTS', `There is already a counter ${c.number}.`);
  if (!cmd.create && !existing) return fail('UNKNOWN_COUNTER', `There is no counter ${c.number}.`);
  const unknown = c.serviceIds.find((id) => !state.services[id]);
  if (unknown) return fail('UNKNOWN_SERVICE', `There is no service ${unknown}.`);
  if (!c.active && existing?.open) return fail('COUNTER_IN_USE', `Counter ${c.number} is open; close it before taking it out of the hall.`);
  const leaving = !c.active && existing?.active ? handBack(state, c.number, now) : [];
  return ok([...leaving, { type: 'counter_saved', at: now, counter: c }]);
}

function noShow(state: HallState, t: Ticket, counter: number, now: number): Decision {
  const requeued = state.settings.noShowRequeueOnce && !t.requeued;
  return ok([{ type: 'ticket_no_show', at: now, ticketId: t.id, counter, requeued }], { ticketId: t.id });
}

// ---- the supervisor's live hall ----------------------------------------------------------------

/** What the supervisor's actions forbid other commands: nothing new after an early end of the day, no opening an out-of-service counter. */
function supervisionRefusal(state: HallState, cmd: Command): Decision | null {
  if (state.endedAt !== null && (cmd.type === 'issue_walkin' || cmd.type === 'check_in' || cmd.type === 'open_counter')) {
    return fail('DAY_ENDED', `The service day ${state.day} was ended early; nothing new until the next day opens.`);
  }
  if (cmd.type === 'open_counter' && state.outOfService[cmd.counter]) {
    return fail('COUNTER_OUT_OF_SERVICE', `Counter ${cmd.counter} is out of service today; a supervisor can restore it.`);
  }
  return null;
}

const unknownCounter = (n: number) => fail('UNKNOWN_COUNTER', `There is no counter ${n}.`);

/** Frees a counter for a supervisor: its ticket, then the tickets handed to it, go back to their service's queue; then it closes (if open). */
function releaseCounter(state: HallState, c: Counter, reason: string, now: number): HallEvent[] {
  const held = c.currentTicketId ? state.tickets[c.currentTicketId] : undefined;
  const events: HallEvent[] = held
    ? [{ type: 'ticket_transferred', at: now, ticketId: held.id, fromCounter: c.number, toServiceId: held.serviceId, toCounter: null }]
    : [];
  events.push(...handBack(state, c.number, now));
  if (c.open) events.push({ type: 'counter_closed', at: now, counter: c.number, by: 'supervisor', reason });
  return events;
}

/** A waiting ticket the supervisor acts on. */
function waitingTicket(state: HallState, id: string): { ticket: Ticket } | { error: Decision } {
  const t = state.tickets[id];
  if (!t) return { error: fail('UNKNOWN_TICKET', `There is no ticket ${id} today.`) };
  if (t.status !== 'waiting')
    return { error: fail('TICKET_NOT_WAITING', `Ticket ${t.label} is ${t.status}; only a waiting ticket can be moved or cancelled.`) };
  return { ticket: t };
}

/** A new day keeps the ticker messages that have not expired yet. */
function carriedTicker(state: HallState, now: number): HallEvent[] {
  return activeTicker(state, now).map((message) => ({ type: 'ticker_set', at: now, message }));
}

/** A ticker id no message of today has: the instant, with a suffix when two arrive in the same millisecond. */
function newTickerId(state: HallState, now: number): string {
  const base = `T${now.toString(36)}`;
  let id = base;
  for (let n = 2; state.ticker[id]; n++) id = `${base}-${n}`;
  return id;
}

function supervise(state: HallState, cmd: SupervisionCommand, now: number): Decision {
  switch (cmd.type) {
    case 'force_close_counter': {
      const c = state.counters[cmd.counter];
      if (!c) return unknownCounter(cmd.counter);
      if (!c.open) return fail('COUNTER_CLOSED', `Counter ${cmd.counter} is already closed.`);
      return ok(releaseCounter(state, c, cmd.reason, now), c.currentTicketId ? { ticketId: c.currentTicketId } : {});
    }
    case 'set_out_of_service': {
      const c = state.counters[cmd.counter];
      if (!c) return unknownCounter(cmd.counter);
      if (state.outOfService[cmd.counter]) return fail('COUNTER_OUT_OF_SERVICE', `Counter ${cmd.counter} is already out of service.`);
      return ok([...releaseCounter(state, c, cmd.reason, now), { type: 'counter_out_of_service', at: now, counter: cmd.counter, reason: cmd.reason }]);
    }
    case 'restore_counter': {
      if (!state.counters[cmd.counter]) return unknownCounter(cmd.counter);
      if (!state.outOfService[cmd.counter]) return fail('COUNTER_IN_SERVICE', `Counter ${cmd.counter} is not out of service.`);
      return ok([{ type: 'counter_restored', at: now, counter: cmd.counter }]);
    }
    case 'set_counter_services': {
      const c = state.counters[cmd.counter];
      if (!c) return unknownCounter(cmd.counter);
      const unknown = cmd.serviceIds.find((id) => !state.services[id]);
      if (unknown) return fail('UNKNOWN_SERVICE', `There is no service ${unknown}.`);
      const serviceIds = [...new Set(cmd.serviceIds)];
      const same = serviceIds.length === c.serviceIds.length && serviceIds.every((id) => c.serviceIds.includes(id));
      return ok(same ? [] : [{ type: 'counter_services_changed', at: now, counter: cmd.counter, serviceIds }]);
    }
    case 'move_ticket': {
      const w = waitingTicket(state, cmd.ticketId);
      if ('error' in w) return w.error;
      const t = w.ticket;
      if (cmd.toServiceId === null && cmd.toCounter === null) return fail('TRANSFER_TARGET_MISSING', 'Choose a service or a counter to move the ticket to.');
      if (cmd.toServiceId !== null && !state.services[cmd.toServiceId]) return fail('UNKNOWN_SERVICE', `There is no service ${cmd.toServiceId}.`);
      if (cmd.toCounter !== null) {
        if (!state.counters[cmd.toCounter]) return unknownCounter(cmd.toCounter);
        if (state.outOfService[cmd.toCounter]) return fail('COUNTER_OUT_OF_SERVICE', `Counter ${cmd.toCounter} is out of service today.`);
      }
      const toServiceId = cmd.toServiceId ?? t.serviceId;
      if (toServiceId === t.serviceId && cmd.toCounter === t.targetCounter) return ok([], { ticketId: t.id });
      return ok([{ type: 'ticket_moved', at: now, ticketId: t.id, toServiceId, toCounter: cmd.toCounter }], { ticketId: t.id });
    }
    case 'cancel_ticket': {
      const w = waitingTicket(state, cmd.ticketId);
      if ('error' in w) return w.error;
      return ok([{ type: 'ticket_cancelled', at: now, ticketId: w.ticket.id, reason: cmd.reason }], { ticketId: w.ticket.id });
    }
    case 'set_ticker': {
      if (cmd.expiresAt <= now) return fail('TICKER_EXPIRY_PAST', 'The message would expire before it is shown; choose a later time.');
      const active = activeTicker(state, now);
      if (active.length >= MAX_ACTIVE_TICKER) return fail('TICKER_FULL', `${MAX_ACTIVE_TICKER} ticker messages are running; remove one first.`);
      // Expired messages leave the state as a new one arrives, so it never fills up with them.
      const expired = Object.values(state.ticker)
        .filter((m) => !active.includes(m))
        .map((m): HallEvent => ({ type: 'ticker_removed', at: now, id: m.id }));
      const message = { id: newTickerId(state, now), ar: cmd.ar, en: cmd.en, expiresAt: cmd.expiresAt, at: now };
      return ok([...expired, { type: 'ticker_set', at: now, message }]);
    }
    case 'remove_ticker':
      if (!state.ticker[cmd.id]) return fail('TICKER_NOT_FOUND', `There is no ticker message ${cmd.id}.`);
      return ok([{ type: 'ticker_removed', at: now, id: cmd.id }]);
    case 'end_day': {
      if (state.endedAt !== null) return fail('DAY_ENDED', `The service day ${state.day} has already been ended.`);
      // Tickets first (cancelling a called ticket frees its counter), then the counters close.
      const open = Object.values(state.tickets).filter((t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving');
      return ok([
        ...open.map((t): HallEvent => ({ type: 'ticket_cancelled', at: now, ticketId: t.id, reason: DAY_ENDED_REASON })),
        ...Object.values(state.counters)
          .filter((c) => c.open)
          .map((c): HallEvent => ({ type: 'counter_closed', at: now, counter: c.number, by: 'supervisor', reason: DAY_ENDED_REASON })),
        { type: 'day_ended', at: now, day: state.day },
      ]);
    }
  }
}
