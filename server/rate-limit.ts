// A fixed-window counter per key (a kiosk device, a PIN pad): enough to stop a stuck button or a
// CPR-guessing script without a dependency.
export class RateLimiter {
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
