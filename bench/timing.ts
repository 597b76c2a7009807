// Tiny timing helpers shared by the benchmarks: a monotonic clock, medians, warm-up + repeated runs.

/** One line of the report. `floor` is the baseline measured in the same run; `ratio` is explained by `ratioIs`. */
export interface Result {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
  /** What the floor is, for the table (e.g. "raw 1-row tx/s"). */
  floorIs: string;
  /** What the ratio means, for the table (e.g. "hub / raw"). */
  ratioIs: string;
}

/** Nanoseconds from a monotonic clock. */
export const nowNs = (): bigint => process.hrtime.bigint();

/** Microseconds elapsed since `start` (from `nowNs()`). */
export const sinceUs = (start: bigint): number => Number(nowNs() - start) / 1_000;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs `batch(size)` `warmup` times untimed, then `runs` times timed; `batch` returns how many
 * microseconds of it count (or nothing: the whole call counts). Returns the median µs per operation.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a batch that returns nothing is timed whole
export function medianUsPerOp(batch: (size: number) => number | void, opts: { size: number; runs: number; warmup?: number }): number {
  for (let i = 0; i < (opts.warmup ?? 1); i++) batch(opts.size);
  const perOp: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const start = nowNs();
    const counted = batch(opts.size);
    const us = typeof counted === 'number' ? counted : sinceUs(start);
    perOp.push(us / opts.size);
  }
  return median(perOp);
}

/**
 * Times a cheap synchronous call: calibrates a batch size so one run takes about `targetMs`,
 * warms up, then returns the median µs per call over `runs` runs.
 */
export function microbench(fn: () => unknown, opts: { targetMs?: number; runs?: number } = {}): number {
  const targetUs = (opts.targetMs ?? 25) * 1_000;
  let sink = 0;
  const batch = (n: number) => {
    for (let i = 0; i < n; i++) if (fn()) sink++;
  };
  // Calibrate (this also warms the JIT up).
  let n = 1;
  for (;;) {
    const start = nowNs();
    batch(n);
    const us = sinceUs(start);
    if (us >= targetUs / 4 || n >= 1 << 24) {
      n = Math.max(1, Math.round((n * targetUs) / Math.max(us, 1)));
      break;
    }
    n *= 4;
  }
  const us = medianUsPerOp(batch, { size: n, runs: opts.runs ?? 7, warmup: 1 });
  if (sink < 0) console.error(sink); // keeps `sink` alive
  return us;
}

/** Progress lines go to stderr, so `--json` keeps stdout clean. */
export const log = (msg: string) => process.stderr.write(`${msg}\n`);
