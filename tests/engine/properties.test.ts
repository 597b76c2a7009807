// Property tests: random days of commands (with a clock that only moves forward within one local
// day) must keep the engine's invariants, be replayable from their events, and never strand a ticket.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appointment, Counter, CounterMode, Priority, Settings } from '../../protocol/domain.ts';
import { callOrder, callSequence, canCall, decide, estimateWait, pickNext, ticketId, ticketLabel, walkinHold } from '../../engine/index.ts';
import { linesOf } from '../../engine/lines.ts';
import type { Command, HallState } from '../../engine/index.ts';
import { waitingFor } from '../../counter-ui/model.ts';
import { appointment, at, COUNTERS, dayOpened, Hall, MINUTE, SECOND, SERVICES } from './fixtures.ts';

const COUNTER_NUMBERS = COUNTERS.map((c) => c.number);
const CPRS = ['900000001', '900000002', '900000003', '900000004', '900000005', '900000006'];
const MODES: CounterMode[] = ['appointment', 'general', 'mixed'];
const PRIORITIES: Priority[] = ['none', 'none', 'none', 'elderly', 'disability', 'pregnancy'];
const START = at('06:50');
const LAST = at('19:00');
const DRAIN = at('20:00');

// ---- scenario generation ----------------------------------------------------------------------

type Op =
  | { k: 'walkin'; svc: number; pr: number }
  | { k: 'checkin_cpr'; who: number }
  | { k: 'checkin_ref'; appt: number; lower: boolean }
  | { k: 'open'; c: number; user: number }
  | { k: 'close'; c: number }
  | { k: 'mode'; c: number; mode: number }
  | { k: 'call_next'; c: number }
  | { k: 'call_ticket'; c: number; pick: number; waitingOnly: boolean }
  | { k: 'recall'; c: number }
  | { k: 'no_show'; c: number }
  | { k: 'start'; c: number }
  | { k: 'finish'; c: number }
  | { k: 'transfer'; c: number; svc: number | null; to: number | null }
  | { k: 'pause'; c: number }
  | { k: 'resume'; c: number }
  | { k: 'sweep' }
  | { k: 'book'; svc: number; slot: number; who: number }
  | { k: 'cancel'; appt: number }
  | { k: 'settings'; early: boolean; late: boolean; requeue: boolean; prefix: number; guard: number }
  | SupervisorOp;

/** The supervisor's live-hall actions. */
type SupervisorOp =
  | { k: 'force_close'; c: number }
  | { k: 'out_of_service'; c: number }
  | { k: 'restore'; c: number }
  | { k: 'services'; c: number; svcs: number[] }
  | { k: 'move'; pick: number; waitingOnly: boolean; svc: number | null; to: number | null }
  | { k: 'cancel_ticket'; pick: number; waitingOnly: boolean }
  | { k: 'ticker'; minutes: number }
  | { k: 'untick'; pick: number }
  | { k: 'end_day' };

/** 0 = a counter the command makes sense for right now (see `pickCounter`), so whole flows happen; 7 does not exist. */
const counterNo = fc.oneof(
  { arbitrary: fc.constant(0), weight: 16 },
  { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 6 },
  { arbitrary: fc.constant(7), weight: 1 },
);
const svcIdx = fc.integer({ min: 0, max: SERVICES.length }); // the last one does not exist

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('walkin' as const), svc: svcIdx, pr: fc.nat(PRIORITIES.length - 1) }), weight: 12 },
  { arbitrary: fc.record({ k: fc.constant('checkin_cpr' as const), who: fc.nat(CPRS.length) }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('checkin_ref' as const), appt: fc.nat(40), lower: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('open' as const), c: counterNo, user: fc.integer({ min: 1, max: 8 }) }), weight: 5 },
  { arbitrary: fc.record({ k: fc.constant('close' as const), c: counterNo }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('mode' as const), c: counterNo, mode: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('call_next' as const), c: counterNo }), weight: 12 },
  { arbitrary: fc.record({ k: fc.constant('call_ticket' as const), c: counterNo, pick: fc.nat(50), waitingOnly: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('recall' as const), c: counterNo }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('no_show' as const), c: counterNo }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('start' as const), c: counterNo }), weight: 10 },
  { arbitrary: fc.record({ k: fc.constant('finish' as const), c: counterNo }), weight: 10 },
  {
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      c: counterNo,
      svc: fc.option(svcIdx, { nil: null }),
      to: fc.option(counterNo, { nil: null }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ k: fc.constant('pause' as const), c: counterNo }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('resume' as const), c: counterNo }), weight: 1 },
  { arbitrary: fc.constant({ k: 'sweep' as const }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('book' as const), svc: svcIdx, slot: fc.nat(120), who: fc.nat(CPRS.length - 1) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('cancel' as const), appt: fc.nat(40) }), weight: 1 },
  {
    arbitrary: fc.record({
      k: fc.constant('settings' as const),
      early: fc.boolean(),
      late: fc.boolean(),
      requeue: fc.boolean(),
      prefix: fc.nat(3),
      guard: fc.integer({ min: 0, max: 30 }),
    }),
    weight: 1,
  },
);

const supervisorOpArb: fc.Arbitrary<SupervisorOp> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('force_close' as const), c: counterNo }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('out_of_service' as const), c: counterNo }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('restore' as const), c: counterNo }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('services' as const), c: counterNo, svcs: fc.uniqueArray(svcIdx, { maxLength: 3 }) }), weight: 2 },
  {
    arbitrary: fc.record({
      k: fc.constant('move' as const),
      pick: fc.nat(50),
      waitingOnly: fc.boolean(),
      svc: fc.option(svcIdx, { nil: null }),
      to: fc.option(counterNo, { nil: null }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ k: fc.constant('cancel_ticket' as const), pick: fc.nat(50), waitingOnly: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('ticker' as const), minutes: fc.integer({ min: -5, max: 120 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('untick' as const), pick: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.constant({ k: 'end_day' as const }), weight: 1 },
);

/** One step of the day: mostly the counters' and citizens' commands, now and then a supervisor's. */
const stepOpArb: fc.Arbitrary<Op> = fc.oneof({ arbitrary: opArb, weight: 11 }, { arbitrary: supervisorOpArb, weight: 1 });

/** Time to the next command: often none at all (simultaneous presses), otherwise up to 8 minutes. */
const dtArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 * SECOND }), fc.integer({ min: 0, max: 8 * MINUTE }));

const settingsArb: fc.Arbitrary<Partial<Settings>> = fc.record({
  checkInEarlyMinutes: fc.integer({ min: 0, max: 60 }),
  checkInLateMinutes: fc.integer({ min: 0, max: 30 }),
  lateConvertsToWalkin: fc.boolean(),
  maxRecalls: fc.integer({ min: 0, max: 3 }),
  noShowRequeueOnce: fc.boolean(),
  appointmentCountersServeEarly: fc.boolean(),
  walkinGuardMinutes: fc.integer({ min: 0, max: 30 }),
  serviceTimeWindow: fc.integer({ min: 1, max: 5 }),
  priorityWeights: fc.record({
    none: fc.constant(1),
    elderly: fc.double({ min: 0.5, max: 3, noNaN: true }),
    disability: fc.double({ min: 0.5, max: 3, noNaN: true }),
    pregnancy: fc.double({ min: 0.5, max: 3, noNaN: true }),
  }),
});

/** Each counter serves all services or a subset; every service stays served by some counter. */
const countersArb: fc.Arbitrary<Counter[]> = fc
  .tuple(
    fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }),
    fc.array(
      fc.option(
        fc.subarray(
          SERVICES.map((s) => s.id),
          { minLength: 1 },
        ),
        { nil: null, freq: 2 },
      ),
      { minLength: 6, maxLength: 6 },
    ),
  )
  .map(([modes, subsets]) => {
    const counters = COUNTERS.map((c, i) => ({ ...structuredClone(c), mode: i < 2 ? c.mode : MODES[modes[i]!]!, serviceIds: subsets[i] ?? [] }));
    const covered = (id: string) => counters.some((c) => c.serviceIds.length === 0 || c.serviceIds.includes(id));
    for (const s of SERVICES) if (!covered(s.id)) counters[2]!.serviceIds.push(s.id);
    return counters;
  });

const apptArb = fc.record({
  svc: fc.constantFrom(...SERVICES.filter((s) => s.bookable).map((s) => s.id)),
  slot: fc.integer({ min: -6, max: 18 }),
  who: fc.nat(CPRS.length - 1),
});

const scenarioArb = fc.record({
  settings: settingsArb,
  counters: countersArb,
  appts: fc.array(apptArb, { maxLength: 10, size: 'max' }),
  /** Minutes after 06:50 when the random part of the day starts. */
  startAfter: fc.integer({ min: 0, max: 6 * 60 }),
  openAtStart: fc.subarray(COUNTER_NUMBERS),
  initialWalkins: fc.array(fc.record({ svc: fc.nat(SERVICES.length - 1), pr: fc.nat(PRIORITIES.length - 1) }), { maxLength: 8 }),
  steps: fc.array(fc.record({ dt: dtArb, op: stepOpArb }), { minLength: 1, maxLength: 60, size: 'max' }),
});
interface Scenario {
  settings: Partial<Settings>;
  counters: Counter[];
  appts: { svc: string; slot: number; who: number }[];
  startAfter: number;
  openAtStart: number[];
  initialWalkins: { svc: number; pr: number }[];
  steps: { dt: number; op: Op }[];
}

const hhmm = (minutesFrom7: number) => {
  const m = 7 * 60 + minutesFrom7;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

// ---- turning an op into a command against the current state ----------------------------------

/** For "counter 0": a counter holding a ticket for ticket actions, a free open one for calls and pauses, a closed one to open. */
function pickCounter(s: HallState, op: Op, step: number): number {
  const all = Object.values(s.counters);
  const holding = (status: string) => all.filter((c) => c.currentTicketId !== null && s.tickets[c.currentTicketId]?.status === status);
  const held = all.filter((c) => c.currentTicketId !== null);
  const free = all.filter((c) => c.open && !c.paused && c.currentTicketId === null);
  const pool =
    op.k === 'finish'
      ? holding('serving')
      : ['recall', 'no_show', 'start'].includes(op.k)
        ? holding('called')
        : op.k === 'transfer'
          ? held
          : op.k === 'open'
            ? all.filter((c) => !c.open)
            : op.k === 'resume'
              ? all.filter((c) => c.paused)
              : op.k === 'force_close'
                ? all.filter((c) => c.open)
                : op.k === 'restore'
                  ? all.filter((c) => s.outOfService[c.number])
                  : op.k === 'out_of_service' || op.k === 'services'
                    ? all
                    : free;
  const list = pool.length > 0 ? pool : all;
  return list[step % list.length]!.number;
}

function toCommand(h: Hall, op: Op, step: number, now: number): Command {
  const s = h.state;
  if ('c' in op && op.c === 0) op = { ...op, c: pickCounter(s, op, step) };
  if (op.k === 'move' && op.to === 0) op = { ...op, to: pickCounter(s, op, step + 1) };
  const appts = Object.values(s.appointments).sort((a, b) => a.id.localeCompare(b.id));
  const svcId = (i: number) => SERVICES[i]?.id ?? 'no-such-service';
  const pickTicket = (pick: number, waitingOnly: boolean) => {
    const ids = waitingOnly ? Object.keys(s.waiting).sort() : Object.keys(s.tickets).sort();
    return ids[pick % Math.max(1, ids.length)] ?? 'no-such-ticket';
  };
  switch (op.k) {
    case 'walkin':
      return { type: 'issue_walkin', serviceId: svcId(op.svc), priority: PRIORITIES[op.pr]!, statusToken: `st-${step}`, cpr: null };
    case 'checkin_cpr':
      return { type: 'check_in', by: { cpr: CPRS[op.who] ?? '999999999' }, statusToken: `st-${step}` };
    case 'checkin_ref': {
      const a = appts[op.appt % Math.max(1, appts.length)];
      const ref = a ? a.reference : 'NOSUCHREF';
      return { type: 'check_in', by: { reference: op.lower ? ref.toLowerCase() : ref }, statusToken: `st-${step}` };
    }
    case 'open':
      return { type: 'open_counter', counter: op.c, userId: op.user };
    case 'close':
      return { type: 'close_counter', counter: op.c };
    case 'mode':
      return { type: 'set_counter_mode', counter: op.c, mode: MODES[op.mode]! };
    case 'call_next':
      return { type: 'call_next', counter: op.c };
    case 'call_ticket':
      return { type: 'call_ticket', counter: op.c, ticketId: pickTicket(op.pick, op.waitingOnly) };
    case 'recall':
      return { type: 'recall', counter: op.c };
    case 'no_show':
      return { type: 'no_show', counter: op.c };
    case 'start':
      return { type: 'start', counter: op.c };
    case 'finish':
      return { type: 'finish', counter: op.c, outcome: 'served', note: null };
    case 'transfer':
      return { type: 'transfer', counter: op.c, toServiceId: op.svc === null ? null : svcId(op.svc), toCounter: op.to };
    case 'pause':
      return { type: 'pause', counter: op.c, reason: 'break' };
    case 'resume':
      return { type: 'resume', counter: op.c };
    case 'sweep':
      return { type: 'sweep_no_shows' };
    case 'book': {
      const a = appointment(hhmm(op.slot * 5), { serviceId: svcId(op.svc), cpr: CPRS[op.who]!, id: `bk-${step}`, reference: `BK${step}X` });
      return { type: 'book_appointment', appointment: a };
    }
    case 'cancel':
      return { type: 'cancel_appointment', appointmentId: appts[op.appt % Math.max(1, appts.length)]?.id ?? 'no-such-appt' };
    case 'settings':
      return {
        type: 'change_settings',
        settings: {
          ...s.settings,
          appointmentCountersServeEarly: op.early,
          lateConvertsToWalkin: op.late,
          noShowRequeueOnce: op.requeue,
          walkinGuardMinutes: op.guard,
          appointmentPrefix: (['A', 'A', 'G', 'B'] as const)[op.prefix]!,
        },
      };
    case 'force_close':
      return { type: 'force_close_counter', counter: op.c, reason: 'supervisor' };
    case 'out_of_service':
      return { type: 'set_out_of_service', counter: op.c, reason: 'broken' };
    case 'restore':
      return { type: 'restore_counter', counter: op.c };
    case 'services':
      return { type: 'set_counter_services', counter: op.c, serviceIds: op.svcs.map(svcId) };
    case 'move':
      return { type: 'move_ticket', ticketId: pickTicket(op.pick, op.waitingOnly), toServiceId: op.svc === null ? null : svcId(op.svc), toCounter: op.to };
    case 'cancel_ticket':
      return { type: 'cancel_ticket', ticketId: pickTicket(op.pick, op.waitingOnly), reason: 'left' };
    case 'ticker':
      return { type: 'set_ticker', ar: 'رسالة', en: 'Message', expiresAt: now + op.minutes * MINUTE };
    case 'untick': {
      const ids = Object.keys(s.ticker).sort();
      return { type: 'remove_ticker', id: ids[op.pick % Math.max(1, ids.length)] ?? 'no-such-message' };
    }
    case 'end_day':
      return { type: 'end_day' };
  }
}

// ---- invariants ----------------------------------------------------------------------------------

const HELD = new Set(['called', 'serving']);

function checkStructure(s: HallState) {
  // The waiting index is exactly the set of waiting tickets.
  const waitingByStatus = Object.values(s.tickets)
    .filter((t) => t.status === 'waiting')
    .map((t) => t.id)
    .sort();
  expect(Object.keys(s.waiting).sort()).toEqual(waitingByStatus);
  for (const id in s.waiting) expect(s.waiting[id]).toBe(true);

  // Ids, labels and (day, prefix, number) are unique and consistent; numbers run 1..last per prefix.
  const keys = new Set<string>();
  const numbers: Record<string, number[]> = {};
  for (const [id, t] of Object.entries(s.tickets)) {
    expect(t.id).toBe(id);
    expect(t.day).toBe(s.day);
    expect(id).toBe(ticketId(t.day, t.prefix, t.number));
    expect(t.label).toBe(ticketLabel(t.prefix, t.number));
    const key = `${t.day}|${t.prefix}|${t.number}`;
    expect(keys.has(key)).toBe(false);
    keys.add(key);
    (numbers[t.prefix] ??= []).push(t.number);
  }
  for (const [prefix, ns] of Object.entries(numbers)) {
    ns.sort((a, b) => a - b);
    expect(ns).toEqual(ns.map((_, i) => i + 1));
    expect(s.lastNumber[prefix]).toBe(ns.length);
  }

  // Counters hold at most one ticket; each called/serving ticket is held by exactly one counter.
  for (const c of Object.values(s.counters)) {
    if (c.currentTicketId === null) continue;
    expect(c.open).toBe(true);
    expect(c.paused).toBe(false);
    const t = s.tickets[c.currentTicketId];
    expect(t).toBeDefined();
    expect(HELD.has(t!.status)).toBe(true);
    expect(t!.counter).toBe(c.number);
  }
  for (const t of Object.values(s.tickets)) {
    const holders = Object.values(s.counters).filter((c) => c.currentTicketId === t.id);
    expect(holders.length).toBe(HELD.has(t.status) ? 1 : 0);
    if (t.status === 'waiting') expect(t.counter).toBeNull();
  }
  for (const c of Object.values(s.counters)) {
    if (!c.open) expect(c.userId).toBeNull();
  }
  // One counter per user.
  const users = Object.values(s.counters)
    .filter((c) => c.open)
    .map((c) => c.userId);
  expect(new Set(users).size).toBe(users.length);

  // Appointments and their tickets point at each other.
  for (const a of Object.values(s.appointments)) {
    expect(a.day).toBe(s.day);
    if (a.status === 'checked_in' || a.status === 'late_converted') {
      const t = s.tickets[a.ticketId!];
      expect(t?.appointmentId).toBe(a.id);
      expect(t?.kind).toBe(a.status === 'checked_in' ? 'appointment' : 'walkin');
    }
  }
  for (const t of Object.values(s.tickets)) {
    if (t.appointmentId !== null) expect(s.appointments[t.appointmentId]?.ticketId).toBe(t.id);
    expect(t.kind === 'appointment').toBe(t.slotStart !== null);
  }

  // The supervisor's part: out-of-service counters stay shut, an ended day holds nothing open,
  // every ticket ever called has its first call, no later than its last one.
  for (const n of Object.keys(s.outOfService)) expect(s.counters[n]?.open).toBe(false);
  if (s.endedAt !== null) {
    expect(Object.values(s.counters).filter((c) => c.open)).toEqual([]);
    expect(Object.values(s.tickets).filter((t) => t.status === 'waiting' || HELD.has(t.status))).toEqual([]);
  }
  for (const [id, m] of Object.entries(s.ticker)) expect(m.id).toBe(id);
  for (const t of Object.values(s.tickets)) {
    if (t.calledAt !== null) expect(s.firstCalledAt[t.id]).toBeLessThanOrEqual(t.calledAt);
    if (t.status === 'done' || HELD.has(t.status)) expect(s.firstCalledAt[t.id]).toBeDefined();
  }
  for (const id of Object.keys(s.firstCalledAt)) expect(s.tickets[id]).toBeDefined();
}

function checkFinishedOnce(h: Hall) {
  const finished = new Map<string, number>();
  for (const e of h.events) if (e.type === 'ticket_finished') finished.set(e.ticketId, (finished.get(e.ticketId) ?? 0) + 1);
  for (const [id, n] of finished) {
    expect(n, `ticket ${id} finished ${n} times`).toBe(1);
    expect(h.state.tickets[id]?.status).toBe('done');
  }
  const done = Object.values(h.state.tickets).filter((t) => t.status === 'done').length;
  expect(done).toBe(finished.size);
}

const isDue = (s: HallState, id: string, now: number) => {
  const t = s.tickets[id]!;
  return t.kind === 'appointment' && t.slotStart !== null && t.slotStart <= now;
};

/**
 * The lines applyEvent kept are the lines built afresh from the same state, in the order of
 * `waiting`; and every waiting ticket's estimate counts exactly the tickets ahead by a plain scan.
 */
function checkLines(s: HallState, now: number) {
  const kept = linesOf(s);
  const fresh = linesOf({ ...s }); // a new state object: its lines are built afresh
  expect(kept.byKey).toEqual(fresh.byKey);
  const bySeq = (places: typeof kept.places) => [...places].sort((a, b) => a[1].seq - b[1].seq).map(([id]) => id);
  expect(bySeq(kept.places)).toEqual(Object.keys(s.waiting));
  // The global order of estimates: due bookings by slot, walk-ins by wait × weight, early arrivals by slot.
  const order = (id: string): number[] => {
    const t = s.tickets[id]!;
    if (isDue(s, id, now)) return [1, t.slotStart!, t.issuedAt, t.number];
    if (t.kind === 'appointment') return [4, t.slotStart ?? 0, t.issuedAt, t.number];
    return [3, -(now - t.issuedAt) * s.settings.priorityWeights[t.priority], t.issuedAt, t.number];
  };
  const earlier = (a: number[], b: number[]) => {
    const i = a.findIndex((x, k) => x !== b[k]);
    return i >= 0 && a[i]! < b[i]!;
  };
  for (const id in s.waiting) {
    const t = s.tickets[id]!;
    const able = Object.values(s.counters).filter((c) => canCall(s, c, t, now));
    const open = able.filter((c) => c.open && !c.paused);
    const counters = open.length > 0 ? open : able;
    const ahead = Object.keys(s.waiting).filter((u) => {
      if (u === id || !counters.some((c) => canCall(s, c, s.tickets[u]!, now))) return false;
      return s.tickets[u]!.targetCounter !== null || earlier(order(u), order(id));
    });
    expect(estimateWait(s, t, now).peopleAhead, `people ahead of ${id}`).toBe(ahead.length);
  }
}

/** Cross-checks a call_next answer against the ordering rules, using canCall as the "may" oracle. */
function checkCallNext(before: HallState, n: number, now: number, picked: string | null) {
  const c = before.counters[n]!;
  const callable = Object.keys(before.waiting).filter((id) => canCall(before, c, before.tickets[id]!, now));
  const targeted = callable.filter((id) => before.tickets[id]!.targetCounter === n);
  const dueAppts = callable.filter((id) => before.tickets[id]!.targetCounter === null && isDue(before, id, now));
  if (picked === null) {
    // Only the walk-in guard of a dedicated appointment counter may hold back a callable ticket.
    if (c.mode === 'appointment')
      expect(callable.filter((id) => before.tickets[id]!.kind !== 'walkin' || before.tickets[id]!.targetCounter !== null)).toEqual([]);
    else expect(callable).toEqual([]);
    return;
  }
  expect(callable).toContain(picked);
  const t = before.tickets[picked]!;
  // A general counter never takes an (untargeted) appointment ticket while an appointment-capable counter serving it is open and not paused.
  if (t.kind === 'appointment' && c.mode === 'general' && t.targetCounter === null) {
    const capableOpen = Object.values(before.counters).some(
      (o) => o.open && !o.paused && o.mode !== 'general' && (o.serviceIds.length === 0 || o.serviceIds.includes(t.serviceId)),
    );
    expect(capableOpen).toBe(false);
  }
  if (targeted.length > 0) {
    expect(t.targetCounter).toBe(n);
    return;
  }
  if (dueAppts.length > 0) {
    expect(isDue(before, picked, now)).toBe(true);
    const earliest = Math.min(...dueAppts.map((id) => before.tickets[id]!.slotStart!));
    expect(t.slotStart).toBe(earliest);
    return;
  }
  if (t.kind === 'appointment' && c.mode !== 'appointment') {
    // Early arrivals come after walk-ins at mixed and general counters.
    expect(callable.filter((id) => before.tickets[id]!.kind === 'walkin')).toEqual([]);
  }
  if (t.kind === 'walkin') {
    // The highest wait × weight among the walk-ins this counter may call.
    const score = (id: string) => (now - before.tickets[id]!.issuedAt) * before.settings.priorityWeights[before.tickets[id]!.priority];
    const walkins = callable.filter((id) => before.tickets[id]!.kind === 'walkin');
    expect(score(picked)).toBe(Math.max(...walkins.map(score)));
    if (c.mode === 'appointment') {
      // Early arrivals go before walk-ins at a dedicated counter.
      expect(callable.filter((id) => before.tickets[id]!.kind === 'appointment')).toEqual([]);
      // The walk-in guard: no booking of this counter's services that can still arrive (checked in and
      // waiting, or its check-in window open) has its slot within the guard time.
      const guard = before.settings.walkinGuardMinutes * MINUTE;
      const early = before.settings.checkInEarlyMinutes * MINUTE;
      for (const a of Object.values(before.appointments)) {
        const serves = c.serviceIds.length === 0 || c.serviceIds.includes(a.serviceId);
        const canArrive =
          (a.status === 'booked' && a.slotStart - now <= early) || (a.status === 'checked_in' && a.ticketId !== null && before.waiting[a.ticketId] === true);
        if (serves && canArrive && a.slotStart > now) expect(a.slotStart - now).toBeGreaterThan(guard);
      }
    }
  }
}

/** The counter terminal's "next tickets" list: its first ticket is the one call_next called, and it lists exactly the callable tickets. */
function checkCounterList(before: HallState, n: number, now: number, picked: string | null) {
  const c = before.counters[n]!;
  const list = waitingFor(before, c, now, Number.MAX_SAFE_INTEGER);
  expect(list.nextId).toBe(picked);
  if (picked !== null) expect(list.items[0]?.ticket.id).toBe(picked);
  else expect(list.hold !== null).toBe(list.items.length > 0);
  const callable = Object.keys(before.waiting).filter((id) => canCall(before, c, before.tickets[id]!, now));
  expect(list.items.map((i) => i.ticket.id).sort()).toEqual(callable.sort());
  expect(list.total).toBe(callable.length);
}

// ---- driving a scenario -------------------------------------------------------------------------

/** Command outcomes seen by runScenario ("call_next:QUEUE_EMPTY"), for the coverage check. */
const outcomes: Record<string, number> = {};

function runScenario(sc: Scenario): Hall {
  // Booked slots lie around the stretch of day the commands cover (from 30 min before to 90 min after its start).
  const base = Math.floor((sc.startAfter - 10) / 5) * 5;
  const appointments: Appointment[] = sc.appts.map((a, i) =>
    appointment(hhmm(Math.min(600, Math.max(0, base + a.slot * 5))), { serviceId: a.svc, cpr: CPRS[a.who]!, id: `ap-${i}`, reference: `R${i}K${a.who}` }),
  );
  const h = new Hall(dayOpened({ settings: sc.settings, counters: sc.counters, appointments }));
  let now = START + sc.startAfter * MINUTE;
  sc.openAtStart.forEach((n, i) => h.open(n, now, 50 + i));
  for (const w of sc.initialWalkins) h.walkin(SERVICES[w.svc]!.id, now, PRIORITIES[w.pr]!);
  sc.steps.forEach(({ dt, op }, i) => {
    now = Math.min(LAST, now + dt);
    const cmd = toCommand(h, op, i, now);
    const snapshot = JSON.stringify(h.state);
    const before = cmd.type === 'call_next' ? structuredClone(h.state) : null;
    // decide is pure and deterministic: it leaves the state alone and says the same thing twice.
    const dry = decide(h.state, cmd, now);
    expect(JSON.stringify(h.state)).toBe(snapshot);
    const d = h.attempt(cmd, now);
    expect(d).toStrictEqual(dry);
    const outcome = `${cmd.type}:${d.ok ? 'ok' : d.error.code}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (!d.ok) expect(JSON.stringify(h.state)).toBe(snapshot); // a refusal changes nothing
    if (before && cmd.type === 'call_next') {
      const c = before.counters[cmd.counter];
      const free = c?.open && !c.paused && c.currentTicketId === null;
      if (free) {
        expect(d.ok || d.error.code === 'QUEUE_EMPTY' || d.error.code === 'WALKINS_HELD').toBe(true);
        // Held only with tickets this counter could still call from its list; with none it is QUEUE_EMPTY.
        if (!d.ok) expect(d.error.code === 'WALKINS_HELD').toBe(callOrder(before, cmd.counter, now).length > 0);
        checkCallNext(before, cmd.counter, now, d.ok ? d.ticketId! : null);
        checkCounterList(before, cmd.counter, now, d.ok ? d.ticketId! : null);
      }
    }
    checkStructure(h.state);
    checkLines(h.state, now);
  });
  return h;
}

/** Staff the whole hall, let every slot and guard pass, and serve until nothing is callable. */
function drain(h: Hall) {
  let now = DRAIN;
  const tick = () => (now += SECOND);
  h.run({ type: 'sweep_no_shows' }, tick());
  // A day the supervisor ended has nothing left to serve, and opens no counter.
  const ended = h.state.endedAt !== null;
  for (const n of COUNTER_NUMBERS) {
    if (ended) break;
    if (h.state.outOfService[n]) h.run({ type: 'restore_counter', counter: n }, tick());
    const c = h.state.counters[n]!;
    if (!c.open) h.open(n, tick(), 1000 + n);
    if (h.state.counters[n]!.paused) h.run({ type: 'resume', counter: n }, tick());
    const held = h.state.counters[n]!.currentTicketId;
    if (held && h.state.tickets[held]!.status === 'called') h.run({ type: 'start', counter: n }, tick());
    if (held) h.run({ type: 'finish', counter: n, outcome: 'drained', note: null }, tick());
  }
  for (let round = 0; round < 1000 && !ended; round++) {
    let progress = false;
    for (const n of COUNTER_NUMBERS) {
      const d = h.attempt({ type: 'call_next', counter: n }, tick());
      if (!d.ok) {
        expect(d.error.code).toBe('QUEUE_EMPTY');
        continue;
      }
      progress = true;
      h.run({ type: 'start', counter: n }, tick());
      h.run({ type: 'finish', counter: n, outcome: 'drained', note: null }, tick());
    }
    if (!progress) break;
  }
  expect(h.state.waiting).toEqual({});
  expect(Object.values(h.state.tickets).filter((t) => t.status === 'waiting' || HELD.has(t.status))).toEqual([]);
  expect(Object.values(h.state.appointments).filter((a) => a.status === 'booked')).toEqual([]);
}

describe('engine properties over random days', () => {
  it('keeps its invariants, replays from its events and strands nothing', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const h = runScenario(sc);
        checkFinishedOnce(h);
        expect(h.fold()).toStrictEqual(h.state);
        drain(h);
        checkStructure(h.state);
        checkFinishedOnce(h);
        expect(h.fold()).toStrictEqual(h.state);
      }),
      { numRuns: 200 },
    );
  });

  it('random days actually exercise the engine (calls, finishes, transfers, check-ins happen)', () => {
    // Guards the property above against a generator that only produces refusals.
    const seen: Record<string, number> = {};
    for (const k of Object.keys(outcomes)) delete outcomes[k];
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const h = runScenario(sc);
        for (const e of h.events) seen[e.type] = (seen[e.type] ?? 0) + 1;
      }),
      { numRuns: 100, seed: 42 },
    );
    for (const type of [
      'ticket_issued',
      'ticket_called',
      'ticket_started',
      'ticket_finished',
      'ticket_transferred',
      'ticket_no_show',
      'ticket_recalled',
      'appointment_checked_in',
      'counter_opened',
      'counter_closed',
      'counter_paused',
      'counter_mode_changed',
      'counter_out_of_service',
      'counter_restored',
      'counter_services_changed',
      'ticket_moved',
      'ticket_cancelled',
      'ticker_set',
      'ticker_removed',
      'day_ended',
    ]) {
      expect(seen[type] ?? 0, type).toBeGreaterThan(0);
    }
    for (const outcome of [
      'call_next:QUEUE_EMPTY',
      'call_next:COUNTER_BUSY',
      'call_ticket:ok',
      'call_ticket:TICKET_NOT_CALLABLE',
      'open_counter:COUNTER_TAKEN',
      'open_counter:USER_AT_OTHER_COUNTER',
      'check_in:ALREADY_CHECKED_IN',
      'check_in:NO_APPOINTMENT_TODAY',
      'finish:INVALID_TICKET_STATE',
      'pause:COUNTER_BUSY',
      'change_settings:PREFIX_IN_USE',
      'book_appointment:ok',
      'force_close_counter:ok',
      'move_ticket:TICKET_NOT_WAITING',
      'cancel_ticket:ok',
      'open_counter:COUNTER_OUT_OF_SERVICE',
      'issue_walkin:DAY_ENDED',
    ]) {
      expect(outcomes[outcome] ?? 0, outcome).toBeGreaterThan(0);
    }
  });

  it('two counters pressing call next at the same instant never get the same ticket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ svc: fc.nat(SERVICES.length - 1), pr: fc.nat(PRIORITIES.length - 1), dt: fc.nat(2 * MINUTE) }), { minLength: 1, maxLength: 15 }),
        fc.uniqueArray(fc.constantFrom(...COUNTER_NUMBERS), { minLength: 2, maxLength: 6 }),
        (walkins, counters) => {
          const h = new Hall();
          let now = at('08:00');
          for (const w of walkins) h.walkin(SERVICES[w.svc]!.id, (now += w.dt), PRIORITIES[w.pr]!);
          for (const n of counters) h.open(n, now);
          const instant = now + MINUTE;
          const called: string[] = [];
          for (const n of counters) {
            const d = h.attempt({ type: 'call_next', counter: n }, instant);
            if (!d.ok) {
              expect(d.error.code).toBe('QUEUE_EMPTY');
              continue;
            }
            called.push(d.ticketId!);
            // A second press at the same instant calls nothing more.
            expect(h.refuse({ type: 'call_next', counter: n }, instant)).toBe('COUNTER_BUSY');
          }
          expect(new Set(called).size).toBe(called.length);
          // With no bookings every counter takes walk-ins: as many are called as there are tickets or counters.
          expect(called.length).toBe(Math.min(walkins.length, counters.length));
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** The citizen page's call order by its definition: the open counters in turn, each asking "call next" (pickNext) of what is left. */
function callSequenceByPickNext(state: HallState, now: number): string[] {
  const counters = Object.values(state.counters)
    .filter((c) => c.open && !c.paused)
    .sort((a, b) => {
      const since = (c: Counter) => (c.currentTicketId ? (state.tickets[c.currentTicketId]?.calledAt ?? now) : -Infinity);
      return since(a) - since(b) || a.number - b.number;
    });
  // A new state object for each pick: the engine keeps its lines beside a state (engine/lines.ts), so a state is never edited in place.
  let left: HallState = state;
  const sequence: string[] = [];
  for (let picked = true; picked; ) {
    picked = false;
    for (const c of counters) {
      const t = pickNext(left, c.number, now);
      if (!t) continue;
      const { [t.id]: _taken, ...waiting } = left.waiting;
      left = { ...left, waiting };
      sequence.push(t.id);
      picked = true;
    }
  }
  return sequence;
}

/**
 * The same order by a plain scan (what engine/select.ts did before it walked the lines): each counter's
 * whole `callOrder` sorted once, the waiting record copied, and the first ticket not yet taken picked.
 */
function callSequenceBySortedScan(state: HallState, now: number): string[] {
  const counters = Object.values(state.counters)
    .filter((c) => c.open && !c.paused)
    .map((c) => ({ counter: c, freeSince: c.currentTicketId ? (state.tickets[c.currentTicketId]?.calledAt ?? now) : -Infinity }))
    .sort((a, b) => a.freeSince - b.freeSince || a.counter.number - b.counter.number)
    .map(({ counter }) => ({ counter, order: callOrder(state, counter.number, now) }));
  const remaining: HallState = { ...state, waiting: { ...state.waiting } };
  const sequence: string[] = [];
  for (let picked = true; picked; ) {
    picked = false;
    for (const c of counters) {
      const held = walkinHold(remaining, c.counter, now) !== null;
      const pick = c.order.find(({ ticket, group }) => remaining.waiting[ticket.id] && !(held && group === 'walkin'));
      if (!pick) continue;
      delete remaining.waiting[pick.ticket.id];
      sequence.push(pick.ticket.id);
      picked = true;
    }
  }
  return sequence;
}

describe("the order the citizen's page counts places in", () => {
  it('is what the counters would get pressing "call next" in turn, on random days', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const h = runScenario(sc);
        const now = h.events.at(-1)?.at ?? START;
        expect(callSequence(h.state, now)).toEqual(callSequenceByPickNext(h.state, now));
      }),
      { numRuns: 150 },
    );
  });

  it("lifts a dedicated counter's hold for bookings once the checked-in booking holding it is taken", () => {
    const h = new Hall(dayOpened({ appointments: [appointment('10:00', { cpr: CPRS[0] })] }));
    const w = h.walkin(SERVICES[0]!.id, at('09:00'));
    const booked = h.checkInCpr(CPRS[0]!, at('09:55')).ticketId!;
    h.open(1, at('09:00'));
    // Counter 1 holds for the checked-in booking (slot 10:00) and takes it first, as an early arrival: then walk-ins again.
    expect(callSequence(h.state, at('09:56'))).toEqual([booked, w]);
    expect(callSequence(h.state, at('09:56'), 1)).toEqual([booked]);
    expect(callSequenceBySortedScan(h.state, at('09:56'))).toEqual([booked, w]);
  });

  it('walked line by line equals a sorted scan of every waiting ticket, and its first places are the bounded sequence, at any later instant', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(90 * MINUTE), fc.nat(8), (sc, later, limit) => {
        const h = runScenario(sc);
        // Later instants move bookings from early to due and lift or start the counters' holds.
        const now = (h.events.at(-1)?.at ?? START) + later;
        const full = callSequence(h.state, now);
        expect(full).toEqual(callSequenceBySortedScan(h.state, now));
        expect(callSequence(h.state, now, limit)).toEqual(full.slice(0, limit));
      }),
      { numRuns: 200 },
    );
  });
});
