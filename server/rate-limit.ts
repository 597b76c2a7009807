// A fixed-window counter per key (a kiosk device, a PIN pad): enough to stop a stuck button or a
// CPR-guessing script without a dependency.
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

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

  /** Seconds until `key` may try again. */
  retryAfter(key: string, windowMs: number, now: number): number {
    const w = this.windows.get(key);
    return w ? Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) : 0;
  }
}
