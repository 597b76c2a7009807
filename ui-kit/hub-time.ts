// The hub's time, which a screen shows and counts with (the hub's clock may be shifted for a demo):
// how far it is from this browser's clock, as /healthz reports it, and a ticking clock built on it.
import { useEffect, useState } from 'preact/hooks';

const RESYNC_MS = 10 * 60_000;

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

/**
 * The hub's time (ms), ticking every second: this browser's clock shifted by the offset, measured
 * at once and every 10 minutes (the last one is kept when the hub cannot be asked). `synced` turns
 * true after the first measurement, answered or not.
 */
export function useHubClock(): { now: number; synced: boolean } {
  const [local, setLocal] = useState(() => Date.now());
  const [clock, setClock] = useState({ offset: 0, synced: false });
  useEffect(() => {
    let live = true;
    const sync = async () => {
      const offset = await hubClockOffset();
      if (!live) return;
      setClock((c) => ({ offset: offset ?? c.offset, synced: true }));
      setLocal(Date.now());
    };
    void sync();
    const resync = setInterval(() => void sync(), RESYNC_MS);
    const tick = setInterval(() => setLocal(Date.now()), 1000);
    return () => {
      live = false;
      clearInterval(resync);
      clearInterval(tick);
    };
  }, []);
  return { now: local + clock.offset, synced: clock.synced };
}
