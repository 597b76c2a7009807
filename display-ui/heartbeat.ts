// The board's heartbeat: polls the hub's /healthz every few seconds. It tells whether the hub is
// reachable (a banner when not), keeps the board's clock on the hub's time (the hub's clock may be
// pinned for a demo, and a TV's own clock drifts), and reloads the page when a new version of the
// screens is deployed (/healthz `version` differs from the one seen at load).

export interface HeartbeatState {
  /** null until the first answer (or failure). */
  reachable: boolean | null;
  /** Hub time − local time, ms. */
  offsetMs: number;
  version: string | null;
  lastOkAt: number | null;
  failures: number;
}

export interface HeartbeatOptions {
  intervalMs: number;
  timeoutMs?: number;
  onChange(state: HeartbeatState): void;
  /** Called once a new version is confirmed servable; default: location.reload(). */
  reload?: () => void;
  /** The page to check before reloading (never reload into an error page). */
  pagePath?: string;
}

export class Heartbeat {
  state: HeartbeatState = { reachable: null, offsetMs: 0, version: null, lastOkAt: null, failures: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private reloading = false;
  /** A new version must be seen twice in a row (a build in progress changes it for a moment). */
  private candidate: string | null = null;

  constructor(private opts: HeartbeatOptions) {}

  start(): this {
    void this.beat();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Polls now (e.g. when the socket drops) instead of waiting for the next beat. */
  poke(): void {
    if (this.timer) clearTimeout(this.timer);
    void this.beat();
  }

  private set(patch: Partial<HeartbeatState>) {
    this.state = { ...this.state, ...patch };
    this.opts.onChange(this.state);
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    const t0 = Date.now();
    try {
      const body = await getJson('/healthz', this.opts.timeoutMs ?? 5000);
      const t1 = Date.now();
      const hub = typeof body.time === 'string' ? Date.parse(body.time) : NaN;
      const version = typeof body.version === 'string' ? body.version : null;
      const patch: Partial<HeartbeatState> = { reachable: true, lastOkAt: t1, failures: 0 };
      if (Number.isFinite(hub)) patch.offsetMs = hub - (t0 + t1) / 2;
      if (this.state.version === null) patch.version = version;
      this.set(patch);
      if (version && this.state.version && version !== this.state.version) await this.maybeReload(version);
      else this.candidate = null;
    } catch {
      this.set({ reachable: false, failures: this.state.failures + 1 });
    }
    if (!this.stopped) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.beat(), this.opts.intervalMs);
    }
  }

  private async maybeReload(version: string): Promise<void> {
    if (this.reloading) return;
    if (this.candidate !== version) {
      this.candidate = version;
      return;
    }
    // Only reload when the page itself is there (not "UI not built" in the middle of a deploy).
    try {
      const res = await fetch(this.opts.pagePath ?? location.pathname, { cache: 'no-store', credentials: 'same-origin' });
      const html = res.ok && (res.headers.get('content-type') ?? '').includes('text/html') ? await res.text() : '';
      if (!html.includes('<script')) return;
    } catch {
      return;
    }
    this.reloading = true;
    (this.opts.reload ?? (() => location.reload()))();
  }
}

async function getJson(path: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(path, { cache: 'no-store', credentials: 'same-origin', signal: ctrl.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  } finally {
    clearTimeout(timer);
  }
}
