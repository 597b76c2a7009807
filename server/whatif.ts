// The rollout planner's what-if: a day like the hall's last four weeks (simulator/from-history.ts),
// simulated under the modes in force now and under a plan by the code of `npm run simulate --
// --compare` (simulator/compare.ts: the same seed, so the same citizens). A simulation takes
// seconds of CPU, so it runs in a worker thread while the hub goes on serving the hall, one at a
// time, and is stopped after a minute.
import { Worker } from 'node:worker_threads';
import { openDatabaseReadOnly } from '../db/client.ts';
import { RolloutWhatIfReply, WHATIF_TIMEOUT_MS } from '../protocol/reports.ts';
import { compare } from '../simulator/compare.ts';
import { type HistoryScenario, scenarioFromHistory } from '../simulator/from-history.ts';
import { appointmentSeats, type Scenario } from '../simulator/scenario.ts';
import { HttpError } from './errors.ts';
import type { PlanFields } from './rollout.ts';

/** One seed for every what-if: the same plan on the same history gives the same answer. */
const SEED = 1;

export interface WhatIfJob {
  /** The history: the hub's database file (the worker opens it read-only), or the scenario already derived from an in-memory one. */
  history: { file: string } | { derived: HistoryScenario };
  /** The last day of history, and the last simulated day. */
  endDay: string;
  plan: Pick<PlanFields, 'counters' | 'startTime' | 'endTime'>;
  /** Open days to simulate. */
  days: number;
}

/** The hall with the plan in force: its counters in its modes (the others as they are), its appointment hours. */
export function withPlan(history: HistoryScenario, plan: WhatIfJob['plan']): Scenario {
  const modes = { ...history.scenario.modes };
  for (const { counter, mode } of plan.counters) {
    const n = history.counters.indexOf(counter) + 1;
    if (n === 0) throw new Error(`counter ${counter} is not in use`); // the operation refuses such a plan first
    modes[n] = mode;
  }
  const planned: Scenario = { ...history.scenario, modes, appointmentHours: { start: plan.startTime, end: plan.endTime } };
  return { ...planned, appointmentCounters: appointmentSeats(planned) };
}

/** The what-if itself (in the worker): derive the scenario, simulate both sides, measure them. */
export async function whatIf(job: WhatIfJob): Promise<RolloutWhatIfReply> {
  const started = performance.now();
  const history = 'derived' in job.history ? job.history.derived : deriveFromFile(job.history.file, job.endDay);
  const variants = [
    { label: 'now', scenario: { ...history.scenario, days: job.days } },
    { label: 'plan', scenario: { ...withPlan(history, job.plan), days: job.days } },
  ];
  const [now, planned] = await compare(variants, { endDay: job.endDay, seed: SEED });
  return {
    basis: history.basis,
    citizensPerDay: history.scenario.citizensPerDay,
    bookedShare: history.scenario.bookedShare,
    simulatedDays: job.days,
    current: now!.kpis,
    plan: planned!.kpis,
    tookMs: Math.round(performance.now() - started),
  };
}

function deriveFromFile(file: string, endDay: string): HistoryScenario {
  const db = openDatabaseReadOnly(file);
  try {
    return scenarioFromHistory(db, endDay);
  } finally {
    db.sqlite.close();
  }
}

// Node 20 does not hand `--import tsx` on to worker threads, so the worker registers tsx itself and
// then loads its TypeScript entry (under `npm start` and vitest alike).
const ENTRY = new URL('./whatif-worker.ts', import.meta.url).href;
const BOOT = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(ENTRY)}, ${JSON.stringify(import.meta.url)}))`;

/** One simulation at a time in this process: the machine's cores serve the hall first. */
let running = false;

/**
 * Runs the what-if `job()` describes in a worker thread. A second one while one runs: 409
 * `WHATIF_BUSY`; a failure, or no answer within WHATIF_TIMEOUT_MS: the worker is stopped, 503 `WHATIF_FAILED`.
 */
export async function runWhatIf(job: () => WhatIfJob): Promise<RolloutWhatIfReply> {
  if (running) throw new HttpError(409, 'WHATIF_BUSY', 'A what-if is running; try again when it is done.');
  running = true;
  try {
    return await inWorker(job(), WHATIF_TIMEOUT_MS);
  } finally {
    running = false;
  }
}

function inWorker(job: WhatIfJob, timeoutMs: number): Promise<RolloutWhatIfReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: job });
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Settled only once the worker is gone, so a new what-if never runs beside a dying one.
      void worker.terminate().then(() => reject(new HttpError(503, 'WHATIF_FAILED', `The what-if ${why}.`)));
    };
    const timer = setTimeout(() => fail(`took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`), timeoutMs);
    worker.once('message', (reply: unknown) => {
      settled = true;
      clearTimeout(timer);
      resolve(RolloutWhatIfReply.parse(reply));
    });
    worker.once('error', (err) => fail(`failed: ${err.message}`));
    worker.once('exit', (code) => fail(`stopped without an answer (exit code ${code})`));
  });
}
