// What the counter terminal derives from the live hall state: its own state, the tickets it may
// call (in the engine's order) and its queues. Pure functions over the feed's staff state, with
// the engine's own selection rules (engine/select.ts) and the hub's time.
import { type Counter, DAY_ENDED_REASON, type Ticket } from '../protocol/domain.ts';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import type { HallState } from '../protocol/state.ts';
import { callOrder, canCall, pickNext, servesService, waitingByQueue, walkinHold, type CallGroup, type WalkinHold } from '../engine/select.ts';

export type Hall = HallState;
export type CounterStatus = 'idle' | 'called' | 'serving' | 'paused';

export function counterOf(s: Hall, n: number): Counter | null {
  return s.counters[String(n)] ?? null;
}

/** The ticket the counter holds (called or being served), if any. */
export function currentTicket(s: Hall, c: Counter | null): Ticket | null {
  if (!c?.currentTicketId) return null;
  const t = s.tickets[c.currentTicketId];
  return t && (t.status === 'called' || t.status === 'serving') ? t : null;
}

export function statusOf(c: Counter | null, t: Ticket | null): CounterStatus {
  if (c?.paused) return 'paused';
  if (t?.status === 'called') return 'called';
  if (t?.status === 'serving') return 'serving';
  return 'idle';
}

/** Which buttons make sense now (the hub decides in the end; this only avoids pointless presses). */
export function allowed(status: CounterStatus | 'closed', hasTicket: boolean) {
  return {
    callNext: status === 'idle',
    call: status === 'idle',
    recall: status === 'called',
    noShow: status === 'called',
    start: status === 'called',
    finish: status === 'serving',
    transfer: status === 'called' || status === 'serving',
    pause: status === 'idle',
    resume: status === 'paused',
    close: status !== 'closed' && !hasTicket,
    logout: !hasTicket,
  };
}

export type WaitingGroup = CallGroup;
export interface WaitingItem {
  ticket: Ticket;
  group: WaitingGroup;
}

export interface WaitingList {
  /** The first `limit` tickets this counter may call, in the engine's order. */
  items: WaitingItem[];
  /** All tickets this counter may call. */
  total: number;
  /** What "call next" would call right now (null: QUEUE_EMPTY). */
  nextId: string | null;
  /** Walk-ins are callable from the list, but "call next" holds the counter for a booking: which, and until when (else null). */
  hold: WalkinHold | null;
}

/**
 * The waiting tickets this counter may call, in the engine's own order (callOrder), with the
 * ticket "call next" would pick first: while a dedicated counter holds for booked slots, that is
 * not the walk-in at the top.
 */
export function waitingFor(s: Hall, c: Counter, now: number, limit = 40): WaitingList {
  const ranked = callOrder(s, c.number, now);
  const nextId = pickNext(s, c.number, now)?.id ?? null;
  if (nextId) {
    const at = ranked.findIndex((r) => r.ticket.id === nextId);
    if (at > 0) ranked.unshift(...ranked.splice(at, 1));
  }
  const hold = nextId === null && ranked.length > 0 ? walkinHold(s, c, now) : null;
  return { items: ranked.slice(0, limit), total: ranked.length, nextId, hold };
}

export interface QueueCount {
  prefix: string;
  nameAr: string;
  nameEn: string;
  count: number;
  appointments: boolean;
}

/**
 * Waiting per queue this counter serves: the appointment queue (at appointment and mixed counters,
 * and at a general one while appointments fall back to it), then the services it handles.
 */
export function queuesFor(s: Hall, c: Counter, now: number): QueueCount[] {
  const counts = waitingByQueue(s);
  const out: QueueCount[] = [];
  const appointmentsHere =
    c.mode !== 'general' ||
    Object.keys(s.waiting).some((id) => {
      const t = s.tickets[id];
      return t?.kind === 'appointment' && canCall(s, c, t, now);
    });
  if (appointmentsHere) {
    const p = s.settings.appointmentPrefix;
    out.push({ prefix: p, nameAr: 'المواعيد', nameEn: 'Appointments', count: counts[p] ?? 0, appointments: true });
  }
  const services = Object.values(s.services)
    .filter((sv) => servesService(c, sv.id))
    .sort((a, b) => a.sortOrder - b.sortOrder);
  for (const sv of services) {
    if (out.some((q) => q.prefix === sv.prefix)) continue;
    out.push({ prefix: sv.prefix, nameAr: sv.nameAr, nameEn: sv.nameEn, count: counts[sv.prefix] ?? 0, appointments: false });
  }
  return out;
}

/** A duration as m:ss, or h:mm:ss from an hour on (always Western digits, left to right). */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** How a supervisor took this terminal's counter away: closed with a reason, or closed by ending the day early. */
export type SupervisorClose = { kind: 'closed'; reason: string } | { kind: 'dayEnded' };

/** The supervisor's close of counter `n` among the feed's events, or null (its holder closed it, or nobody did). */
export function supervisorClose(events: readonly (HallEvent | PublicHallEvent)[], n: number): SupervisorClose | null {
  const e = events.find((x) => x.type === 'counter_closed' && x.counter === n);
  if (e?.type !== 'counter_closed' || e.by !== 'supervisor') return null;
  return e.reason === DAY_ENDED_REASON ? { kind: 'dayEnded' } : { kind: 'closed', reason: e.reason ?? '' };
}

/** Whether counter `c` can be opened at a terminal now, and if not, why (the hub would refuse it). */
export function openability(s: Hall, c: Counter): { ok: true } | { ok: false; why: 'dayEnded' } | { ok: false; why: 'outOfService'; reason: string } {
  if (s.endedAt !== null) return { ok: false, why: 'dayEnded' };
  const out = s.outOfService[String(c.number)];
  return out ? { ok: false, why: 'outOfService', reason: out.reason } : { ok: true };
}
