// The hub's one source of time. Tests and demos inject their own; the engine never reads a clock.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Real time shifted so that it starts at `startMs` (for demos and child-process tests). */
export function shiftedClock(startMs: number): Clock {
  const offset = startMs - Date.now();
  return { now: () => Date.now() + offset };
}

/** A clock that moves only when told to (unit and integration tests). */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now() {
    return this.ms;
  }
  set(ms: number) {
    this.ms = ms;
  }
  advance(ms: number) {
    this.ms += ms;
  }
}
