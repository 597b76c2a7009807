// What the counter terminal derives from the live hall state: its own state, the tickets it may
// call (in the engine's order), its queues and its day. Pure functions over the feed's staff
// state, with the engine's own selection rules (server/engine/select.ts) and the hub's time.
import type { z } from 'zod';
import type { Counter, Ticket } from '../protocol/domain.ts';
import type { StaffState } from '../protocol/messages.ts';
import { canCall, pickNext, servesService, waitingByQueue } from '../server/engine/select.ts';
import type { HallState } from '../server/engine/types.ts';

export type Hall = z.infer<typeof StaffState>;
export type CounterStatus = 'idle' | 'called' | 'serving' | 'paused';

const asEngine = (s: Hall) => s as unknown as HallState;

export function counterOf(s: Hall, n: number): Counter | null {
  return s.counters[String(n)] ?? null;
}

/** The ticket the counter holds (called or being served), if any. */
export function currentTicket(s: Hall, c: Counter | null): Ticket | null {
  if (!c?.currentTicketId) return null;
  const t = s.tickets[c.currentTicketId];
  return t && (t.status === 'called' || t.status === 'serving') ? t : null;
}

export function statusOf(c: Counter | null, t: Ticket | null): CounterStatus {
  if (c?.paused) return 'paused';
  if (t?.status === 'called') return 'called';
  if (t?.status === 'serving') return 'serving';
  return 'idle';
}

/** Which buttons make sense now (the hub decides in the end; this only avoids pointless presses). */
export function allowed(status: CounterStatus | 'closed', hasTicket: boolean) {
  return {
    callNext: status === 'idle',
    call: status === 'idle',
    recall: status === 'called',
    noShow: status === 'called',
    start: status === 'called',
    finish: status === 'serving',
    transfer: status === 'called' || status === 'serving',
    pause: status === 'idle',
    resume: status === 'paused',
    close: status !== 'closed' && !hasTicket,
    logout: !hasTicket,
  };
}

export type WaitingGroup = 'forYou' | 'due' | 'early' | 'walkin';
export interface WaitingItem { ticket: Ticket; group: WaitingGroup }

export interface WaitingList {
  /** The first `limit` tickets this counter may call, in the engine's order. */
  items: WaitingItem[];
  /** All tickets this counter may call. */
  total: number;
  /** What "call next" would call right now (null: QUEUE_EMPTY). */
  nextId: string | null;
  /** Walk-ins are callable from the list, but "call next" holds the counter for booked slots. */
  holding: boolean;
}

/**
 * The waiting tickets this counter may call (canCall), ordered as the engine ranks them: tickets
 * handed to this counter, due appointments (earliest slot), then walk-ins by wait × priority weight,
 * with early arrivals before the walk-ins at a dedicated appointment counter and after them
 * elsewhere. The ticket "call next" would pick comes first.
 */
export function waitingFor(s: Hall, c: Counter, now: number, limit = 40): WaitingList {
  const state = asEngine(s);
  const weights = s.settings.priorityWeights;
  const ranked: { item: WaitingItem; rank: [number, number, number, number] }[] = [];
  for (const id in s.waiting) {
    const t = s.tickets[id];
    if (!t || !canCall(state, c, t, now)) continue;
    let item: WaitingItem;
    let rank: [number, number, number, number];
    if (t.targetCounter !== null) {
      item = { ticket: t, group: 'forYou' };
      rank = [0, t.issuedAt, t.issuedAt, t.number];
    } else if (t.kind === 'appointment') {
      const due = t.slotStart !== null && t.slotStart <= now;
      item = { ticket: t, group: due ? 'due' : 'early' };
      rank = [due ? 1 : c.mode === 'appointment' ? 2 : 4, t.slotStart ?? t.issuedAt, t.issuedAt, t.number];
    } else {
      item = { ticket: t, group: 'walkin' };
      rank = [3, -(now - t.issuedAt) * weights[t.priority], t.issuedAt, t.number];
    }
    ranked.push({ item, rank });
  }
  ranked.sort((a, b) => {
    for (let i = 0; i < 4; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return 0;
  });
  const next = pickNext(state, c.number, now);
  const nextId = next?.id ?? null;
  if (nextId) {
    const at = ranked.findIndex((r) => r.item.ticket.id === nextId);
    if (at > 0) ranked.unshift(...ranked.splice(at, 1));
  }
  return {
    items: ranked.slice(0, limit).map((r) => r.item),
    total: ranked.length,
    nextId,
    holding: nextId === null && ranked.length > 0,
  };
}

export interface QueueCount { prefix: string; nameAr: string; nameEn: string; count: number; appointments: boolean }

/**
 * Waiting per queue this counter serves: the appointment queue (at appointment and mixed counters,
 * and at a general one while appointments fall back to it), then the services it handles.
 */
export function queuesFor(s: Hall, c: Counter, now: number): QueueCount[] {
  const state = asEngine(s);
  const counts = waitingByQueue(state);
  const out: QueueCount[] = [];
  const appointmentsHere = c.mode !== 'general' || Object.keys(s.waiting).some((id) => {
    const t = s.tickets[id];
    return t?.kind === 'appointment' && canCall(state, c, t, now);
  });
  if (appointmentsHere) {
    const p = s.settings.appointmentPrefix;
    out.push({ prefix: p, nameAr: 'المواعيد', nameEn: 'Appointments', count: counts[p] ?? 0, appointments: true });
  }
  const services = Object.values(s.services).filter((sv) => servesService(c, sv.id)).sort((a, b) => a.sortOrder - b.sortOrder);
  for (const sv of services) {
    if (out.some((q) => q.prefix === sv.prefix)) continue;
    out.push({ prefix: sv.prefix, nameAr: sv.nameAr, nameEn: sv.nameEn, count: counts[sv.prefix] ?? 0, appointments: false });
  }
  return out;
}

/** Tickets this counter finished today and their average service time (finishedAt − startedAt). */
export function statsFor(s: Hall, counter: number): { served: number; avgMs: number | null } {
  let served = 0;
  let total = 0;
  for (const id in s.tickets) {
    const t = s.tickets[id]!;
    if (t.status !== 'done' || t.counter !== counter) continue;
    served++;
    total += Math.max(0, (t.finishedAt ?? 0) - (t.startedAt ?? t.finishedAt ?? 0));
  }
  return { served, avgMs: served > 0 ? Math.round(total / served) : null };
}

/** A duration as m:ss, or h:mm:ss from an hour on (always Western digits, left to right). */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
