// Seeded randomness for the simulator (pure-rand's xoroshiro128+): never Math.random. Each part
// of a run draws from its own stream, named by numbers (the seed, the day, the counter…), so a
// change to one configuration leaves every other stream — in particular the citizens — as it was.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Normal (Box–Muller). */
  normal(mean: number, sd: number): number;
  /** Lognormal whose median is `median`. */
  lognormal(median: number, sigma: number): number;
  /** Exponential with mean `mean`. */
  exponential(mean: number): number;
  /** A key of `weights`, with probability proportional to its weight. */
  pick<K extends string>(weights: Record<K, number>): K;
}

/** A 32-bit mix of the stream's numbers (FNV-1a over their 32-bit words). */
function streamSeed(parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(p / 2 ** 32), 0x01000193);
  }
  return h | 0;
}

/** The stream named by `parts` (e.g. [seed, STREAM.citizens, day]). */
export function randomStream(...parts: number[]): Random {
  const rng = xoroshiro128plus(streamSeed(parts));
  const next = () => uniformFloat64(rng);
  const normal = (mean: number, sd: number) => {
    const u = 1 - next(); // (0, 1]: log(0) would be -∞
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    chance: (p) => next() < p,
    normal,
    lognormal: (median, sigma) => median * Math.exp(normal(0, sigma)),
    exponential: (mean) => -mean * Math.log(1 - next()),
    pick<K extends string>(weights: Record<K, number>): K {
      const entries = Object.entries(weights) as [K, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [k, w] of entries) {
        x -= w;
        if (x < 0) return k;
      }
      return entries.at(-1)![0];
    },
  };
}

/** The streams of a run. */
export const STREAM = { citizens: 1, staff: 2, ids: 3 } as const;
