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

/**
 * The hub's time: the wall clock, but never earlier than the latest time already handed out or the
 * floor it is raised to (the last stored event, at a start). A system clock set back (an NTP
 * correction, by a second or by an hour) holds the hub's time still until the wall clock catches
 * up: events stay in order, so waits and durations are never negative, a ticket issued after the
 * jump never ranks as older than one issued before it, and a day once rolled over at midnight is
 * neither refused nor reopened. A clock that jumps forward is followed as it is.
 */
export class MonotonicClock implements Clock {
  private latest = Number.NEGATIVE_INFINITY;
  private behind = false;

  constructor(
    private readonly wall: Clock,
    /** Told once per backward jump, with how far back the wall clock went. */
    private readonly onSetBack: (ms: number) => void = () => {},
  ) {}

  now() {
    const t = this.wall.now();
    if (t >= this.latest) {
      this.latest = t;
      this.behind = false;
    } else if (!this.behind) {
      this.behind = true;
      this.onSetBack(this.latest - t);
    }
    return this.latest;
  }

  /** Never earlier than `ms` from now on. */
  raise(ms: number) {
    if (ms > this.latest) this.latest = ms;
  }
}
