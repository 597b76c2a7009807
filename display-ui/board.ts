// What the board shows, derived from the hall state (the public snapshot plus deltas). Pure.
import type { PublicTicket } from '../protocol/domain.ts';
import type { PublicHallState } from '../protocol/state.ts';
import { waitingByQueue } from '../engine/select.ts';
import { counterName as nameOf } from '../ui-kit/counter-name.ts';

export interface CallItem {
  ticketId: string;
  label: string;
  counter: number;
  /** When it was last called or recalled (hub time, ms). */
  at: number;
  status: PublicTicket['status'];
  kind: PublicTicket['kind'];
  recalls: number;
  /** The counter's name beside its number, if it has one (an admin may rename it at any time). */
  counterName: { ar: string; en: string } | null;
}

/**
 * The latest calls, newest first: every ticket of today that was called to a counter (and not sent
 * back to a queue since). `recalledAt` holds the recall times seen live (a recall moves a ticket
 * back to the top); it is empty after a fresh snapshot, which is fine.
 */
export function recentCalls(state: PublicHallState, recalledAt: ReadonlyMap<string, number>, limit: number): CallItem[] {
  const out: CallItem[] = [];
  for (const id in state.tickets) {
    const t = state.tickets[id]!;
    if (t.calledAt === null || t.counter === null) continue;
    if (t.status === 'waiting' || t.status === 'transferred' || t.status === 'cancelled') continue;
    const at = Math.max(t.calledAt, recalledAt.get(id) ?? 0);
    const counterName = nameOf(state.counters[t.counter]);
    out.push({ ticketId: id, label: t.label, counter: t.counter, at, status: t.status, kind: t.kind, recalls: t.recalls, counterName });
  }
  out.sort((a, b) => b.at - a.at || b.label.localeCompare(a.label));
  return out.slice(0, limit);
}

/**
 * The big "now calling" panel: the calls still highlighted (called or recalled in the last few
 * seconds and not finished since), up to `max`; when none is, the latest call that is still
 * waiting for its citizen (status called). The call being announced (`speaking`) is always there,
 * first, so what the board highlights is what the loudspeaker says even when the voice lags.
 */
export function currentCalls(
  recent: CallItem[],
  freshUntil: ReadonlyMap<string, number>,
  nowLocal: number,
  max: number,
  speaking: string | null = null,
): { items: CallItem[]; fresh: Set<string> } {
  const fresh = new Set<string>();
  for (const c of recent) {
    // A call already finished or sent away (a quick no-show) leaves the big panel at once.
    const live = c.status === 'called' || c.status === 'serving';
    if (live && (freshUntil.get(c.ticketId) ?? 0) > nowLocal) fresh.add(c.ticketId);
  }
  const latest = recent[0];
  let items = fresh.size > 0 ? recent.filter((c) => fresh.has(c.ticketId)) : latest && latest.status === 'called' ? [latest] : [];
  const spoken = speaking === null ? undefined : recent.find((c) => c.ticketId === speaking);
  if (spoken) items = [spoken, ...items.filter((c) => c !== spoken)];
  return { items: items.slice(0, max), fresh };
}

export interface QueueTile {
  prefix: string;
  nameAr: string;
  nameEn: string;
  waiting: number;
  appointments: boolean;
  /** The service's colour (its prefix chip); null for the appointments queue, which has the board's own. */
  colour: string | null;
}

/**
 * Waiting per queue: the appointments queue first, then each walk-in service (kiosk order). A
 * service the kiosk does not offer (hidden or inactive) shows only while someone waits for it.
 */
export function queueTiles(state: PublicHallState, appointmentsName: { ar: string; en: string }): QueueTile[] {
  const counts = waitingByQueue(state);
  const appt = state.settings.appointmentPrefix;
  const tiles: QueueTile[] = [
    { prefix: appt, nameAr: appointmentsName.ar, nameEn: appointmentsName.en, waiting: counts[appt] ?? 0, appointments: true, colour: null },
  ];
  const services = Object.values(state.services)
    .filter((s) => s.prefix !== appt && ((s.active && s.kioskVisible) || (counts[s.prefix] ?? 0) > 0))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.prefix.localeCompare(b.prefix));
  const seen = new Set<string>([appt]);
  for (const s of services) {
    if (seen.has(s.prefix)) continue;
    seen.add(s.prefix);
    tiles.push({ prefix: s.prefix, nameAr: s.nameAr, nameEn: s.nameEn, waiting: counts[s.prefix] ?? 0, appointments: false, colour: s.colour });
  }
  return tiles;
}

/** The counters open now, by number; `paused` ones are open but not calling (a break). */
export function openCounters(state: PublicHallState): { number: number; paused: boolean }[] {
  return Object.values(state.counters)
    .filter((c) => c.active && c.open && !state.outOfService[String(c.number)])
    .sort((a, b) => a.number - b.number)
    .map((c) => ({ number: c.number, paused: c.paused }));
}
