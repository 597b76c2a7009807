// Benchmark 2 — the cost of "call next" with 100, 1,000 and 10,000 walk-ins waiting, at a general
// counter (3), measured two ways:
//   decide — the pure engine: decide(state, call_next, now), nothing committed, repeated (µs/call);
//   hub    — hub.execute(call_next) on a real hub (decide + one SQLite transaction + fold), in
//            cycles of issue_walkin → call_next → no_show (or start + finish), so exactly N are
//            waiting at every call; each call_next command is timed alone (median µs/command).
// Then the day's history: N = 1,000 waiting after 20,000 tickets were issued, called, started and
// finished should cost the same as N = 1,000 on a fresh day ("call next" looks only at waiting
// tickets); the two halls are measured in alternating rounds so the ratio is not skewed by drift.
// The clock starts Thursday 09:00 in Bahrain and stays within that day (the engine refuses
// commands once the local day differs from the state's: DAY_CLOSED).
import { events as eventsTable, tickets as ticketsTable } from '../db/schema.ts';
import { transaction } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { HallEvent } from '../protocol/events.ts';
import { applyEvent, decide, type Command, type HallState } from '../engine/index.ts';
import { counterUserId, startHall, walkin, type BenchHall } from './hall.ts';
import { log, median, microbench, nowNs, sinceUs, type Result } from './timing.ts';

const COUNTER = 3; // a general counter of the demo hall
const STEP_MS = 100; // the manual clock advances this much before every command

interface Scenario {
  waiting: number;
  history: number;
}

/**
 * Puts `n` finished tickets into the day (issue → call → start → finish, 4n events) at `COUNTER`.
 * Through hub.execute this costs ~4n commands at the hub's per-command price (tens of seconds for
 * n = 20,000), so the events are decided by the real engine on a copy of the hub's state, stored in
 * bulk (events + ticket rows) and the hub is then rebuilt from the stored day, as after a restart.
 * The resulting live state is the fold of exactly the events the hub would have committed.
 */
function addHistory(hall: BenchHall, n: number, userId: number): void {
  let state: HallState = structuredClone(hall.hub.current) as HallState;
  let t = hall.clock.now();
  const produced: HallEvent[] = [];
  const step = (cmd: Command) => {
    t += STEP_MS;
    const d = decide(state, cmd, t);
    if (!d.ok) throw new Error(`history: ${cmd.type} refused: ${d.error.code}`);
    for (const e of d.events) {
      state = applyEvent(state, e);
      produced.push(e);
    }
  };
  step({ type: 'open_counter', counter: COUNTER, userId });
  for (let i = 0; i < n; i++) {
    step(walkin(i));
    step({ type: 'call_next', counter: COUNTER });
    step({ type: 'start', counter: COUNTER });
    step({ type: 'finish', counter: COUNTER, outcome: 'done', note: null });
  }
  const day = state.day;
  const CHUNK = 500; // rows per multi-row INSERT (stays under SQLite's bound-parameter limit)
  transaction(hall.db, () => {
    for (let i = 0; i < produced.length; i += CHUNK) {
      hall.db.orm
        .insert(eventsTable)
        .values(
          produced.slice(i, i + CHUNK).map((e) => ({
            at: e.at,
            day,
            type: e.type,
            actor: 'bench',
            payload: e,
          })),
        )
        .run();
    }
    const rows = Object.values(state.tickets);
    for (let i = 0; i < rows.length; i += CHUNK)
      hall.db.orm
        .insert(ticketsTable)
        .values(rows.slice(i, i + CHUNK))
        .run();
    repo.upsertCounter(hall.db, state.counters[COUNTER]!);
  });
  hall.clock.set(t);
  const ms = hall.reload();
  const s = hall.hub.current;
  if (Object.keys(s.tickets).length !== n || Object.keys(s.waiting).length !== 0) throw new Error('history: reload mismatch');
  log(`call-next: history of ${n} finished tickets (${produced.length} events) stored; hub rebuilt the day in ${ms.toFixed(0)} ms`);
}

/** A hall with `waiting` walk-ins waiting at an open general counter, ready to be measured. */
interface Prepared {
  s: Scenario;
  hall: BenchHall;
  next: number; // the next walk-in index (keeps services and priorities rotating)
  cycle: number;
  decide: number[]; // µs per decide call, one median per round
  hub: number[]; // µs per hub call_next, one sample per command
}

async function prepare(s: Scenario): Promise<Prepared> {
  const started = performance.now();
  const hall = await startHall(`call-next-${s.waiting}-${s.history}`);
  try {
    const userId = counterUserId(hall.db);
    if (s.history > 0) addHistory(hall, s.history, userId);
    let next = s.history;
    for (let i = 0; i < s.waiting; i++) {
      hall.clock.advance(STEP_MS);
      hall.run(walkin(next++));
    }
    hall.run({ type: 'open_counter', counter: COUNTER, userId }); // a no-op when the history opened it
    const p: Prepared = { s, hall, next, cycle: 0, decide: [], hub: [] };
    checkWaiting(p);
    const probe = decide(hall.hub.current as HallState, { type: 'call_next', counter: COUNTER }, hall.clock.now());
    if (!probe.ok || !probe.ticketId) throw new Error('call_next found nothing to call');
    log(`call-next: N=${s.waiting} history=${s.history} ready (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return p;
  } catch (err) {
    hall.close();
    throw err;
  }
}

function checkWaiting(p: Prepared) {
  const n = Object.keys(p.hall.hub.current.waiting).length;
  if (n !== p.s.waiting) throw new Error(`expected ${p.s.waiting} waiting, found ${n}`);
}

/** Pure engine: the hub's live state and one instant, `call_next` decided again and again; nothing is committed. */
function decideRound(p: Prepared) {
  const state = p.hall.hub.current as HallState;
  const now = p.hall.clock.now();
  const cmd: Command = { type: 'call_next', counter: COUNTER };
  p.decide.push(microbench(() => decide(state, cmd, now).ok, { runs: 5, targetMs: 20 }));
}

/**
 * Full hub path: cycles of issue_walkin → call_next → no_show (even cycles) or start + finish (odd),
 * so exactly `waiting` tickets wait at every call. Each call_next is timed alone.
 */
function hubRound(p: Prepared, count: number, record: boolean) {
  const { hall } = p;
  for (let k = 0; k < count; k++, p.cycle++) {
    hall.clock.advance(STEP_MS);
    hall.run(walkin(p.next++));
    hall.clock.advance(STEP_MS);
    const t0 = nowNs();
    hall.run({ type: 'call_next', counter: COUNTER });
    if (record) p.hub.push(sinceUs(t0));
    hall.clock.advance(STEP_MS);
    if (p.cycle % 2 === 0) hall.run({ type: 'no_show', counter: COUNTER });
    else {
      hall.run({ type: 'start', counter: COUNTER });
      hall.clock.advance(STEP_MS);
      hall.run({ type: 'finish', counter: COUNTER, outcome: 'done', note: null });
    }
  }
}

interface Measured {
  decideUs: number;
  hubUs: number;
}

/**
 * Measures the halls in alternating rounds (A B, B A, …) so that drift and noisy neighbours hit
 * all of them alike — that matters for the with/without-history ratio. Closes the halls.
 */
function measureTogether(ps: Prepared[]): Measured[] {
  try {
    const big = ps.some((p) => p.s.waiting >= 10_000);
    const ROUNDS = 5;
    const perRound = big ? 30 : 80; // hub call_next samples per hall per round
    for (const p of ps) {
      decideRound(p);
      hubRound(p, Math.ceil(perRound / 2), false);
    } // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? [...ps].reverse() : ps;
      for (const p of order) decideRound(p);
      for (const p of order) hubRound(p, perRound, true);
    }
    return ps.map((p) => {
      checkWaiting(p);
      const m = { decideUs: median(p.decide.slice(1)), hubUs: median(p.hub) };
      const p90 = [...p.hub].sort((a, b) => a - b)[Math.floor(p.hub.length * 0.9)]!;
      log(
        `call-next: N=${p.s.waiting} history=${p.s.history}: decide ${m.decideUs.toFixed(1)} µs/call, ` +
          `hub call_next median ${m.hubUs.toFixed(0)} µs (p90 ${p90.toFixed(0)}, ${p.hub.length} samples)`,
      );
      return m;
    });
  } finally {
    for (const p of ps) p.hall.close();
  }
}

export async function benchCallNext(rawTxPerSec: number): Promise<Result[]> {
  const rawTxUs = 1e6 / rawTxPerSec;
  const sizes = [100, 1_000, 10_000];
  const HISTORY = 20_000;
  const fresh = new Map<number, Measured>();
  fresh.set(100, measureTogether([await prepare({ waiting: 100, history: 0 })])[0]!);
  // N = 1,000 on a fresh day and after 20,000 finished tickets, measured side by side.
  const pair = measureTogether([await prepare({ waiting: 1_000, history: 0 }), await prepare({ waiting: 1_000, history: HISTORY })]);
  fresh.set(1_000, pair[0]!);
  const hist = pair[1]!;
  fresh.set(10_000, measureTogether([await prepare({ waiting: 10_000, history: 0 })])[0]!);

  const base = fresh.get(100)!;
  const results: Result[] = [];
  for (const n of sizes) {
    const m = fresh.get(n)!;
    results.push({
      name: `call_next.decide.n${n}`,
      value: m.decideUs,
      unit: 'µs/call',
      floor: base.decideUs,
      ratio: m.decideUs / base.decideUs,
      floorIs: 'decide µs, N=100',
      ratioIs: `× the N=100 cost (N is ${n / 100}×)`,
    });
  }
  for (const n of sizes) {
    const m = fresh.get(n)!;
    results.push({
      name: `call_next.hub.n${n}`,
      value: m.hubUs,
      unit: 'µs/command',
      floor: rawTxUs,
      ratio: m.hubUs / rawTxUs,
      floorIs: 'raw 1-row tx µs',
      ratioIs: 'hub / raw tx (commits worth)',
    });
  }
  const n1000 = fresh.get(1_000)!;
  results.push({
    name: `call_next.decide.n1000_history${HISTORY}`,
    value: hist.decideUs,
    unit: 'µs/call',
    floor: n1000.decideUs,
    ratio: hist.decideUs / n1000.decideUs,
    floorIs: 'decide µs, N=1000, no history',
    ratioIs: 'with / without history (≈1 expected)',
  });
  results.push({
    name: `call_next.hub.n1000_history${HISTORY}`,
    value: hist.hubUs,
    unit: 'µs/command',
    floor: n1000.hubUs,
    ratio: hist.hubUs / n1000.hubUs,
    floorIs: 'hub µs, N=1000, no history',
    ratioIs: 'with / without history (≈1 expected)',
  });
  return results;
}
