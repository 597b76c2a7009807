// The hub's time, which a screen shows and counts with (the hub's clock may be shifted for a demo):
// how far it is from this browser's clock, as /healthz reports it.

/**
 * The hub's clock minus this browser's (ms), measured around one /healthz round trip (the hub's
 * time is taken as read half-way); null when the hub could not be asked or sent no time.
 */
export async function hubClockOffset(): Promise<number | null> {
  const t0 = Date.now();
  try {
    const res = await fetch('/healthz', { cache: 'no-store' });
    const body = (await res.json()) as { time?: string };
    const t1 = Date.now();
    const hub = body.time ? Date.parse(body.time) : NaN;
    return Number.isFinite(hub) ? hub - (t0 + t1) / 2 : null;
  } catch {
    return null;
  }
}
