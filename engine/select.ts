// Who is next: the ranking rules of DESIGN.md "Call next", and the estimated wait built on them.
// The rules read only what both audiences' states hold, so the public screens (kiosk tiles, board)
// use them too; functions that hand back a ticket give it in the caller's own ticket type.
import type { Counter, PublicTicket, Ticket } from '../protocol/domain.ts';
import { linesOf } from './lines.ts';
import { freshTicket } from './ticket.ts';
import type { Opening } from './time.ts';
import type { PublicHallState } from './types.ts';

type State = PublicHallState;
/** A state whose tickets are `T` (the staff state's full tickets, or the public ones). */
type StateOf<T extends PublicTicket> = State & { tickets: Record<string, T> };

const MINUTE = 60_000;

export function servesService(c: Counter, serviceId: string): boolean {
  return c.serviceIds.length === 0 || c.serviceIds.includes(serviceId);
}

const appointmentCapable = (c: Counter) => c.mode !== 'general';
const available = (c: Counter) => c.open && !c.paused;

/** General counters take appointment tickets of a service only when no open, unpaused appointment-capable counter serves it. */
function appointmentsFallToGeneral(state: State, serviceId: string): boolean {
  return !Object.values(state.counters).some((c) => available(c) && appointmentCapable(c) && servesService(c, serviceId));
}

const isDue = (t: PublicTicket, now: number) => t.kind === 'appointment' && t.slotStart !== null && t.slotStart <= now;
const isEarly = (t: PublicTicket, now: number) => t.kind === 'appointment' && !isDue(t, now);

/** Walk-in order: effective wait × priority weight (older tickets always climb, so nobody starves). */
function walkinScore(state: State, t: PublicTicket, now: number): number {
  return (now - t.issuedAt) * state.settings.priorityWeights[t.priority];
}

/** Rank groups: lower goes first. */
type Rank = [group: number, key: number, tie: number, number: number];

/** Why a ticket stands where it does in a counter's order (by rank group). */
export type CallGroup = 'forYou' | 'due' | 'early' | 'walkin';
const GROUPS: readonly CallGroup[] = ['forYou', 'due', 'early', 'walkin', 'early'];

function rankFor(state: State, c: Counter, t: PublicTicket, now: number, walkinsAllowed: boolean): Rank | null {
  if (t.targetCounter !== null) return t.targetCounter === c.number ? [0, t.issuedAt, t.issuedAt, t.number] : null;
  if (!servesService(c, t.serviceId)) return null;
  const earlyOk = state.settings.appointmentCountersServeEarly;
  if (t.kind === 'appointment') {
    const capable = appointmentCapable(c) || appointmentsFallToGeneral(state, t.serviceId);
    if (!capable) return null;
    if (isDue(t, now)) return [1, t.slotStart ?? t.issuedAt, t.issuedAt, t.number];
    if (!earlyOk && appointmentCapable(c)) return null;
    // Early arrivals: before walk-ins at a dedicated counter, after them at a mixed or general one.
    return [c.mode === 'appointment' ? 2 : 4, t.slotStart ?? t.issuedAt, t.issuedAt, t.number];
  }
  if (!walkinsAllowed) return null;
  return [3, -walkinScore(state, t, now), t.issuedAt, t.number];
}

function before(a: Rank, b: Rank): boolean {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** Why "call next" at a dedicated appointment counter skips walk-ins now: the booking it holds for, and until when. */
export interface WalkinHold {
  /** The slot start of the earliest booking holding the counter now. */
  nextSlotAt: number;
  /** When walk-ins are called again if none of the bookings arrives. */
  walkinsFrom: number;
}

/**
 * The walk-in guard of a dedicated appointment counter, or null when it does not hold. Only bookings
 * that can still arrive count: a checked-in citizen still waiting, or a booking whose check-in window
 * is open. Each holds from `walkinGuardMinutes` before its slot (not before its window opens) until
 * its window closes (checked in: until its slot, when "call next" takes it if it may); holds that meet are one.
 */
export function walkinHold(state: State, c: Counter, now: number): WalkinHold | null {
  return holdAmong(state, c, now, (ticketId) => state.waiting[ticketId] === true);
}

/** `walkinHold` with the waiting tickets given by `stillWaiting` (the call sequence takes them one by one without copying `waiting`). */
function holdAmong(state: State, c: Counter, now: number, stillWaiting: (ticketId: string) => boolean): WalkinHold | null {
  if (c.mode !== 'appointment') return null;
  const s = state.settings;
  const guard = s.walkinGuardMinutes * MINUTE;
  const spans: { from: number; to: number; slot: number }[] = [];
  for (const a of Object.values(state.appointments)) {
    if (!servesService(c, a.serviceId)) continue;
    if (a.status === 'booked') {
      const to = a.slotStart + s.checkInLateMinutes * MINUTE;
      if (to >= now) spans.push({ from: a.slotStart - Math.min(guard, s.checkInEarlyMinutes * MINUTE), to, slot: a.slotStart });
    } else if (a.status === 'checked_in' && a.ticketId !== null && stillWaiting(a.ticketId)) {
      spans.push({ from: a.slotStart - guard, to: a.slotStart, slot: a.slotStart });
    }
  }
  const holding = spans.filter((x) => x.from <= now && now <= x.to);
  if (holding.length === 0) return null;
  let walkinsFrom = Math.max(...holding.map((x) => x.to));
  for (let grew = true; grew; ) {
    grew = false;
    for (const x of spans) {
      if (x.from <= walkinsFrom && x.to > walkinsFrom) [walkinsFrom, grew] = [x.to, true];
    }
  }
  return { nextSlotAt: Math.min(...holding.map((x) => x.slot)), walkinsFrom };
}

/**
 * The ticket this counter would call next, or null. Each line's head is the best of its line for
 * any counter (engine/lines.ts), so only the heads are ranked; equal ranks go to the first to wait.
 */
export function pickNext<T extends PublicTicket>(state: StateOf<T>, counterNumber: number, now: number): T | null {
  const c = state.counters[counterNumber];
  if (!c) return null;
  const walkins = walkinHold(state, c, now) === null;
  const lines = linesOf(state);
  const heads = [...lines.byKey.values()].map((ids) => ids[0]!);
  const best = bestHead(heads, (_, id) => {
    const rank = rankFor(state, c, state.tickets[id]!, now, walkins);
    return rank && { rank, seq: lines.places.get(id)!.seq };
  });
  return best === null ? null : state.tickets[heads[best]!]!;
}

/** A line's first ticket not yet taken as a counter ranks it, and when it joined the waiting tickets (the last tie-break). */
type HeadRank = { rank: Rank; seq: number } | null;

/** Which of the heads (a ticket id, or undefined for a line with none left) this counter takes: the best rank, equal ranks to the first to wait. */
function bestHead(heads: readonly (string | undefined)[], rankOf: (line: number, id: string) => HeadRank): number | null {
  let best: number | null = null;
  let bestRank: Rank | null = null;
  let bestSeq = 0;
  for (let i = 0; i < heads.length; i++) {
    const id = heads[i];
    const r = id === undefined ? null : rankOf(i, id);
    if (!r) continue;
    if (!bestRank || before(r.rank, bestRank) || (!before(bestRank, r.rank) && r.seq < bestSeq)) [best, bestRank, bestSeq] = [i, r.rank, r.seq];
  }
  return best;
}

export interface Callable<T> {
  ticket: T;
  group: CallGroup;
}

/**
 * Every waiting ticket this counter may call, in the order "call next" ranks them: tickets handed
 * to this counter, due appointments (earliest slot), walk-ins by wait × priority weight, with early
 * arrivals before the walk-ins at a dedicated appointment counter and after them elsewhere.
 * Walk-ins are listed even while a dedicated counter holds for booked slots (they may be picked
 * from the list then; "call next" skips them): `pickNext` is the first ticket here it may call.
 */
export function callOrder<T extends PublicTicket>(state: StateOf<T>, counterNumber: number, now: number): Callable<T>[] {
  const c = state.counters[counterNumber];
  if (!c) return [];
  const ranked: { ticket: T; rank: Rank }[] = [];
  for (const id in state.waiting) {
    const ticket = state.tickets[id]!;
    const rank = rankFor(state, c, ticket, now, true);
    if (rank) ranked.push({ ticket, rank });
  }
  ranked.sort((a, b) => (before(a.rank, b.rank) ? -1 : before(b.rank, a.rank) ? 1 : 0));
  return ranked.map(({ ticket, rank }) => ({ ticket, group: GROUPS[rank[0]]! }));
}

/** Could this counter call that waiting ticket (by "call next" now, or by picking it from the list)? */
export function canCall(state: State, c: Counter, t: PublicTicket, now: number): boolean {
  return t.status === 'waiting' && rankFor(state, c, t, now, true) !== null;
}

function medianDurationMs(state: State, serviceId: string): number {
  const recent = [...(state.recentDurations[serviceId] ?? [])].sort((a, b) => a - b);
  if (recent.length === 0) return (state.services[serviceId]?.defaultDurationMin ?? 10) * MINUTE;
  const mid = recent.length >> 1;
  return recent.length % 2 ? recent[mid]! : Math.round((recent[mid - 1]! + recent[mid]!) / 2);
}

/** Global order used for estimates: due appointments, then walk-ins by score, then early arrivals. */
function globalRank(state: State, t: PublicTicket, now: number): Rank {
  if (isDue(t, now)) return [1, t.slotStart!, t.issuedAt, t.number];
  if (isEarly(t, now)) return [4, t.slotStart!, t.issuedAt, t.number];
  return [3, -walkinScore(state, t, now), t.issuedAt, t.number];
}

export interface WaitEstimate {
  peopleAhead: number;
  estimatedWaitMin: number | null;
}

/** The first index in `ids[from, to)` whose ticket fails `ahead` (which holds for a prefix of them). */
function firstNotAhead(ids: readonly string[], from: number, to: number, ahead: (id: string) => boolean): number {
  let [lo, hi] = [from, to];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ahead(ids[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Counters that could call this ticket (open or not), and the waiting tickets those counters would
 * call before it. Counted line by line (engine/lines.ts): a line's tickets share their counters,
 * except a booked line's due part and early part, and those ahead by the global order are a prefix.
 */
function workAhead(state: State, t: PublicTicket, now: number) {
  const able = Object.values(state.counters).filter((c) => rankFor(state, c, { ...t, status: 'waiting' }, now, true));
  const open = able.filter(available);
  // With no counter open yet, people ahead still count (by the counters that will serve it).
  const counters = open.length > 0 ? open : able;
  const mine = globalRank(state, t, now);
  const lines = linesOf(state);
  const ranked = (id: string) => before(globalRank(state, state.tickets[id]!, now), mine);
  let peopleAhead = 0;
  let workMs = 0;
  for (const [line, ids] of lines.byKey) {
    const head = state.tickets[ids[0]!]!;
    let ahead = 0;
    if (head.targetCounter !== null) {
      // Handed to a counter: ahead of everyone that counter serves, whatever their rank.
      if (counters.some((c) => c.number === head.targetCounter)) ahead = ids.length - (lines.places.get(t.id)?.line === line ? 1 : 0);
    } else {
      const dueEnd = head.kind === 'appointment' ? firstNotAhead(ids, 0, ids.length, (id) => isDue(state.tickets[id]!, now)) : ids.length;
      for (const [from, to] of [
        [0, dueEnd],
        [dueEnd, ids.length],
      ] as const) {
        if (from === to || !counters.some((c) => rankFor(state, c, state.tickets[ids[from]!]!, now, true) !== null)) continue;
        ahead += firstNotAhead(ids, from, to, ranked) - from;
      }
    }
    peopleAhead += ahead;
    workMs += ahead * medianDurationMs(state, head.serviceId);
  }
  return { able, open, peopleAhead, workMs };
}

/**
 * Estimated wait = expected work ahead (median service time × tickets ahead that the same
 * counters serve) ÷ counters open for it. `null` minutes when no counter is open for it.
 */
export function estimateWait(state: State, t: PublicTicket, now: number): WaitEstimate {
  const { open, peopleAhead, workMs } = workAhead(state, t, now);
  if (open.length === 0) return { peopleAhead, estimatedWaitMin: null };
  return { peopleAhead, estimatedWaitMin: Math.ceil(workMs / open.length / MINUTE) };
}

/**
 * The order the open counters will call today's waiting tickets if nothing else happens: each open,
 * unpaused counter in turn — free ones first, then busy ones by how long their ticket has been there —
 * takes what "call next" would give it from the tickets not yet taken (`pickNext`: walk-ins skipped
 * while it holds for bookings, `walkinHold`, which lifts as their tickets are taken). Ticket ids,
 * first called first, at most `limit` of them; tickets no open counter would call are left out.
 * Every pick is the head of a line (engine/lines.ts), so the tickets taken are the first few of each
 * line, and a head's rank at a counter holds until that head is taken: a place costs a comparison per
 * line and a rank per counter, whatever the queue's length.
 */
export function callSequence(state: State, now: number, limit = Number.POSITIVE_INFINITY): string[] {
  const lines = linesOf(state);
  const byLine = [...lines.byKey.values()];
  // How many of each line's first tickets are taken, and so each line's head now.
  const taken = byLine.map(() => 0);
  const heads = byLine.map((ids) => ids[0]);
  const takenIds = new Set<string>();
  const stillWaiting = (id: string) => state.waiting[id] === true && !takenIds.has(id);
  const counters = Object.values(state.counters)
    .filter(available)
    .map((c) => ({ counter: c, freeSince: c.currentTicketId ? (state.tickets[c.currentTicketId]?.calledAt ?? now) : -Infinity }))
    .sort((a, b) => a.freeSince - b.freeSince || a.counter.number - b.counter.number)
    .map(({ counter }) => ({
      counter,
      walkins: holdAmong(state, counter, now, stillWaiting) === null,
      // A head's rank at this counter, kept until that line's head or the counter's hold changes (undefined: not ranked yet).
      ranks: byLine.map((): HeadRank | undefined => undefined),
    }));
  const sequence: string[] = [];
  for (let picked = true; picked && sequence.length < limit; ) {
    picked = false;
    for (const c of counters) {
      if (sequence.length >= limit) break;
      const line = bestHead(heads, (i, id) => {
        if (c.ranks[i] === undefined) {
          const rank = rankFor(state, c.counter, state.tickets[id]!, now, c.walkins);
          c.ranks[i] = rank && { rank, seq: lines.places.get(id)!.seq };
        }
        return c.ranks[i]!;
      });
      if (line === null) continue;
      const id = heads[line]!;
      sequence.push(id);
      picked = true;
      heads[line] = byLine[line]![++taken[line]!];
      for (const d of counters) d.ranks[line] = undefined;
      // Only a checked-in booking's ticket leaving can lift a hold.
      if (state.tickets[id]!.appointmentId !== null) {
        takenIds.add(id);
        for (const d of counters) {
          const walkins = holdAmong(state, d.counter, now, stillWaiting) === null;
          if (walkins !== d.walkins) [d.walkins, d.ranks] = [walkins, byLine.map(() => undefined)];
        }
      }
    }
  }
  return sequence;
}

/**
 * A waiting ticket's place (1 = next) in `sequence` (its state's `callSequence`); a ticket no open
 * counter would call now (none open yet, or held for bookings) counts the people ahead of it instead
 * (`ahead`: its `estimateWait`).
 */
export function callPosition(t: PublicTicket, sequence: readonly string[], ahead: WaitEstimate): number {
  const i = sequence.indexOf(t.id);
  return i >= 0 ? i + 1 : ahead.peopleAhead + 1;
}

/** A walk-in ticket of this service issued now: what the estimates of a new citizen are measured with. */
function newWalkinProbe(state: State, serviceId: string, now: number): Ticket {
  return freshTicket({
    id: '',
    day: state.day,
    prefix: 'Z',
    // After every ticket already issued, even in the same millisecond (the last tie-break is the number).
    number: Number.MAX_SAFE_INTEGER,
    label: '',
    kind: 'walkin',
    serviceId,
    priority: 'none',
    issuedAt: now,
    appointmentId: null,
    slotStart: null,
    statusToken: '',
    cpr: null,
  });
}

/** What a new walk-in of this service would face right now (for the kiosk's service tiles). */
export function estimateNewWalkin(state: State, serviceId: string, now: number): WaitEstimate {
  return estimateWait(state, newWalkinProbe(state, serviceId, now), now);
}

/**
 * While no counter is open for a service (before the hall opens, or all closed for a while): the
 * wait of a new walk-in counted from the moment the counters that will serve it open — the day's
 * counters not out of service, at the default (or recent) service times. `opensAt` is the hall's
 * opening time today ("07:00", from the opening hours the caller has), shown only while it is
 * still ahead. Null when a counter is open (the live estimate holds) or none will serve it today.
 */
export function estimateBeforeOpening(state: State, serviceId: string, now: number, opening: Opening | null) {
  const { able, open, workMs } = workAhead(state, newWalkinProbe(state, serviceId, now), now);
  if (open.length > 0) return null;
  const scheduled = able.filter((c) => !state.outOfService[c.number]);
  if (scheduled.length === 0) return null;
  return { opensAt: opening && now < opening.at ? opening.opens : null, waitAfterOpeningMin: Math.ceil(workMs / scheduled.length / MINUTE) };
}

/** Waiting tickets per queue prefix. */
export function waitingByQueue(state: State): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id in state.waiting) {
    const t = state.tickets[id]!;
    counts[t.prefix] = (counts[t.prefix] ?? 0) + 1;
  }
  return counts;
}

/**
 * Every active service in display order with its waiting count and what a new walk-in would face: the
 * hub's `services.list`, and the kiosk's tiles computed from its live feed (so both say the same).
 * `opening` is today's opening time (the opening hours live outside the hall state), or null.
 */
export function serviceTiles(state: State, now: number, opening: Opening | null) {
  const byQueue = waitingByQueue(state);
  const services = Object.values(state.services)
    .filter((service) => service.active)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((service) => ({
      service,
      waiting: byQueue[service.prefix] ?? 0,
      ...estimateNewWalkin(state, service.id, now),
      beforeOpening: estimateBeforeOpening(state, service.id, now, opening),
    }));
  return { services, appointmentsWaiting: byQueue[state.settings.appointmentPrefix] ?? 0 };
}
