// A fixed-window counter per key (a kiosk device, a PIN pad): enough to stop a stuck button or a
// CPR-guessing script without a dependency.
export class RateLimiter {
  /** Failed logins, kiosk PINs and pairing codes. */
  readonly logins = new LoginThrottle();
  private windows = new Map<string, { start: number; count: number }>();
  private buckets = new Map<string, { tokens: number; at: number }>();

  /**
   * A token bucket: up to `burst` attempts at once, refilled at `perMinute` a minute. Counts one
   * attempt and returns 0, or, when the bucket is empty, the seconds until the next attempt may
   * succeed (nothing is counted then).
   */
  takeToken(key: string, burst: number, perMinute: number, now: number): number {
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, b.tokens + ((now - b.at) * perMinute) / 60_000);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
  }

  /** Counts one attempt; false when `key` already used `limit` attempts in the current window. */
  take(key: string, limit: number, windowMs: number, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    if (w.count >= limit) return false;
    w.count++;
    return true;
  }
}

/** What the login throttle guards; each has its own counters, so a kiosk's PIN typos do not hold back a staff login. */
export type ThrottleScope = 'login' | 'pin' | 'pair';

interface Failures {
  count: number;
  lastAt: number;
  lockedUntil: number;
  /** For a subject (a username, a kiosk): the addresses its failures came from, each with its last failure, oldest first. */
  addresses: Map<string, number>;
}

/**
 * Throttles guessing of passwords, the kiosk PIN and pairing codes, per subject (the username, the
 * kiosk) and per client address. From the 5th failure on, each failure locks for 1 s, 2 s, 4 s …,
 * capped at 15 min; a success clears both counters, and 1 h without a failure forgets them.
 *
 * So that guessing cannot lock a real user out: an address is held back by its own lock, and by
 * the subject's lock only if that address failed on the subject itself, and then at most the cap
 * after its own last failure, however often others go on failing. The right password typed from an
 * address that did not fail is never held back by the username's counter. A guesser spread over
 * many addresses gains one guess per new address while the subject is locked.
 */
export class LoginThrottle {
  static readonly FREE_FAILURES = 5;
  static readonly BASE_MS = 1000;
  static readonly CAP_MS = 15 * 60_000;
  static readonly FORGET_MS = 60 * 60_000;
  /** Entries kept at most (the least recently failed go first), and addresses remembered per subject. */
  static readonly MAX_ENTRIES = 10_000;
  static readonly MAX_ADDRESSES = 64;

  private entries = new Map<string, Failures>();

  /** Seconds before `address` may try `subject` again (0: now). Nothing is counted. */
  wait(scope: ThrottleScope, subject: string | null, address: string, now: number): number {
    const own = this.live(`${scope}|a|${address}`, now)?.lockedUntil ?? 0;
    const bySubject = subject === null ? undefined : this.live(`${scope}|s|${subject}`, now);
    const failedAt = bySubject?.addresses.get(address);
    const held = bySubject && failedAt !== undefined ? Math.min(bySubject.lockedUntil, failedAt + LoginThrottle.CAP_MS) : 0;
    return Math.max(0, Math.ceil((Math.max(own, held) - now) / 1000));
  }

  /** Counts a failure of `address` on `subject`. */
  failed(scope: ThrottleScope, subject: string | null, address: string, now: number): void {
    this.count(`${scope}|a|${address}`, null, now);
    if (subject !== null) this.count(`${scope}|s|${subject}`, address, now);
  }

  /** A success clears the counters of the subject and of the address. */
  succeeded(scope: ThrottleScope, subject: string | null, address: string): void {
    this.entries.delete(`${scope}|a|${address}`);
    if (subject !== null) this.entries.delete(`${scope}|s|${subject}`);
  }

  private live(key: string, now: number): Failures | undefined {
    const e = this.entries.get(key);
    if (e && now - e.lastAt >= LoginThrottle.FORGET_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private count(key: string, address: string | null, now: number): void {
    const e = this.live(key, now) ?? { count: 0, lastAt: now, lockedUntil: 0, addresses: new Map<string, number>() };
    e.count++;
    e.lastAt = now;
    const over = e.count - LoginThrottle.FREE_FAILURES;
    if (over >= 0) e.lockedUntil = now + Math.min(LoginThrottle.CAP_MS, LoginThrottle.BASE_MS * 2 ** Math.min(over, 30));
    if (address !== null) {
      e.addresses.delete(address);
      e.addresses.set(address, now);
      if (e.addresses.size > LoginThrottle.MAX_ADDRESSES) e.addresses.delete(e.addresses.keys().next().value!);
    }
    // Re-inserted at the end: the map's order is the order of the last failure, so the oldest goes first.
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > LoginThrottle.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
