// The supervisor's live hall: its figures and alerts as pure functions of the hall state (the
// console folds it from its live feed, so it recomputes them on every delta and every clock tick)
// and, for the alerts, of the devices' status the hub pushes.
import type { CounterMode, DeviceKind, OutOfService, PublicTicket, TickerMessage, TicketKind, TicketStatus } from '../protocol/domain.ts';
import type { DevicesStatus, StorageStatus } from '../protocol/messages.ts';
import { canCall, pickNext } from './select.ts';
import type { PublicHallState } from './types.ts';

const MINUTE = 60_000;

/** The supervisor's ticker messages the displays show now, oldest first (expired ones wait for removal or the next day). */
export function activeTicker(state: Pick<PublicHallState, 'ticker'>, now: number): TickerMessage[] {
  return Object.values(state.ticker)
    .filter((m) => m.expiresAt > now)
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/**
 * The nearest-rank percentile (`p` in 0..100): the smallest value with at least p % of the list at
 * or below it. Null for an empty list.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export interface WaitFigures {
  /** Tickets called at least once today. */
  count: number;
  /** Issue (for appointments: check-in) to first call, in ms; null before the first call. */
  averageMs: number | null;
  p90Ms: number | null;
}

export interface QueueFigures {
  prefix: string;
  /** The service whose queue this is; null for the appointment queue (and a queue whose service is gone). */
  serviceId: string | null;
  waiting: number;
  /** Since issue (or check-in) of its longest-waiting ticket; null when nobody waits. */
  longestWaitMs: number | null;
}

export interface HallFigures {
  /** The crowding figure: everyone waiting now. */
  waitingTotal: number;
  /** The appointment queue first, then the services' queues in display order. */
  queues: QueueFigures[];
  longestWaitMs: number | null;
  /** So far today, appointments and walk-ins side by side. */
  waits: Record<TicketKind, WaitFigures>;
  servedToday: number;
  noShowsToday: {
    /** Called and did not come. */
    tickets: number;
    /** Booked for today and never checked in (marked after their check-in window). */
    appointments: number;
  };
}

function waitFigures(waits: number[]): WaitFigures {
  const count = waits.length;
  return { count, averageMs: count ? Math.round(waits.reduce((a, b) => a + b, 0) / count) : null, p90Ms: percentile(waits, 90) };
}

export function hallFigures(state: PublicHallState, now: number): HallFigures {
  const queues = new Map<string, QueueFigures>();
  const queue = (prefix: string, serviceId: string | null) => {
    let q = queues.get(prefix);
    if (!q) queues.set(prefix, (q = { prefix, serviceId, waiting: 0, longestWaitMs: null }));
    return q;
  };
  queue(state.settings.appointmentPrefix, null);
  for (const s of Object.values(state.services).sort((a, b) => a.sortOrder - b.sortOrder)) queue(s.prefix, s.id);

  let longestWaitMs: number | null = null;
  for (const id in state.waiting) {
    const t = state.tickets[id]!;
    const q = queue(t.prefix, null);
    const wait = now - t.issuedAt;
    q.waiting++;
    q.longestWaitMs = Math.max(q.longestWaitMs ?? wait, wait);
    longestWaitMs = Math.max(longestWaitMs ?? wait, wait);
  }

  const waits: Record<TicketKind, number[]> = { appointment: [], walkin: [] };
  for (const [id, calledAt] of Object.entries(state.firstCalledAt)) {
    const t = state.tickets[id];
    if (t) waits[t.kind].push(calledAt - t.issuedAt);
  }
  const tickets = Object.values(state.tickets);
  return {
    waitingTotal: Object.keys(state.waiting).length,
    queues: [...queues.values()],
    longestWaitMs,
    waits: { appointment: waitFigures(waits.appointment), walkin: waitFigures(waits.walkin) },
    servedToday: tickets.filter((t) => t.status === 'done').length,
    noShowsToday: {
      tickets: tickets.filter((t) => t.status === 'no_show').length,
      appointments: Object.values(state.appointments).filter((a) => a.status === 'no_show').length,
    },
  };
}

export type CounterStatus = 'open' | 'paused' | 'closed' | 'out_of_service';

export interface CounterFigures {
  number: number;
  status: CounterStatus;
  mode: CounterMode;
  /** Empty = every service. */
  serviceIds: string[];
  /** The staff member holding it (names: `hall.staff`). */
  userId: number | null;
  pauseReason: string | null;
  outOfService: OutOfService | null;
  ticket: { id: string; label: string; kind: TicketKind; serviceId: string; status: TicketStatus; calledAt: number | null; startedAt: number | null } | null;
  /** How long its citizen has been served so far; null until service starts. */
  serviceMs: number | null;
  /** How long an open, unpaused counter has been without a ticket; null otherwise. */
  idleMs: number | null;
  /** Waiting tickets it may call now (by "call next" or from its list). */
  callable: number;
}

const available = (c: { open: boolean; paused: boolean }) => c.open && !c.paused;

/** Every counter by number. */
export function counterFigures(state: PublicHallState, now: number): CounterFigures[] {
  const waiting = Object.keys(state.waiting).map((id) => state.tickets[id]!);
  return Object.values(state.counters)
    .sort((a, b) => a.number - b.number)
    .map((c): CounterFigures => {
      const outOfService = state.outOfService[c.number] ?? null;
      const t = c.currentTicketId ? (state.tickets[c.currentTicketId] ?? null) : null;
      return {
        number: c.number,
        status: outOfService ? 'out_of_service' : !c.open ? 'closed' : c.paused ? 'paused' : 'open',
        mode: c.mode,
        serviceIds: c.serviceIds,
        userId: c.userId,
        pauseReason: c.pauseReason,
        outOfService,
        ticket: t && { id: t.id, label: t.label, kind: t.kind, serviceId: t.serviceId, status: t.status, calledAt: t.calledAt, startedAt: t.startedAt },
        serviceMs: t?.startedAt != null ? now - t.startedAt : null,
        idleMs: available(c) && !t ? now - (state.counterChangedAt[c.number] ?? now) : null,
        callable: waiting.filter((w) => canCall(state, c, w, now)).length,
      };
    });
}

// ---- alerts ------------------------------------------------------------------------------------

export type AlertSeverity = 'critical' | 'warning';

interface AlertBase {
  /** Stable while the condition lasts, so the console can keep which ones were acknowledged. */
  id: string;
  severity: AlertSeverity;
}

export type Alert = AlertBase &
  (
    | { kind: 'wait_over_target'; prefix: string; serviceId: string | null; over: number; longestWaitMs: number; targetMin: number }
    | { kind: 'printer_fault'; deviceId: number; deviceName: string; code: string; since: number | null }
    | { kind: 'device_offline'; deviceId: number; deviceKind: DeviceKind; deviceName: string; lastSeenAt: number | null }
    | { kind: 'counter_idle'; counter: number; idleMs: number; callable: number }
    | { kind: 'appointments_unserved'; serviceId: string; waiting: number; longestWaitMs: number }
    | { kind: 'storage_unavailable'; reason: Extract<StorageStatus, { available: false }>['reason']; code: string; since: number }
  );
export type AlertKind = Alert['kind'];

export const ALERT_DEFAULTS = {
  /** The hall's service-level target when the settings have none. */
  serviceLevelTargetMin: 20,
  /** A counter idle this long while someone waits for it is an alert (a moment between citizens is not). */
  idleGraceMs: 3 * MINUTE,
  /** A device offline this long is an alert (a display reloading is not). */
  offlineGraceMs: MINUTE,
};

/** The service-level target: the hall's `serviceLevelTargetMin` setting, else the default. */
export function serviceLevelTargetMin(settings: object): number {
  const v = (settings as { serviceLevelTargetMin?: unknown }).serviceLevelTargetMin;
  return typeof v === 'number' && v > 0 ? v : ALERT_DEFAULTS.serviceLevelTargetMin;
}

/** The hub's database takes no writes (the `storage:status` push): every command is refused until it does, so it comes before any other alert. */
export function storageAlerts(storage: StorageStatus): Alert[] {
  if (storage.available) return [];
  const { reason, code, since } = storage;
  return [{ id: `storage:${reason}`, severity: 'critical', kind: 'storage_unavailable', reason, code, since }];
}

/** The same ticket as if its slot had come: may anyone serve it once it is due? */
const asDue = (t: PublicTicket, now: number): PublicTicket => ({ ...t, slotStart: Math.min(t.slotStart ?? now, now) });

/**
 * What needs the supervisor now: waits over the service-level target (per queue), printer faults,
 * devices offline, counters idle while someone waits for them, appointment tickets no open counter
 * can serve (per service). Critical ones first.
 */
export function hallAlerts(state: PublicHallState, devices: DevicesStatus, now: number, options: Partial<typeof ALERT_DEFAULTS> = {}): Alert[] {
  const o = { ...ALERT_DEFAULTS, ...options };
  const targetMin = options.serviceLevelTargetMin ?? serviceLevelTargetMin(state.settings);
  const alerts: Alert[] = [];

  for (const d of devices.devices) {
    if (d.printer?.ok === false) {
      const code = d.printer.error?.code ?? 'OFFLINE';
      alerts.push({
        id: `printer:${d.id}:${code}`,
        severity: 'critical',
        kind: 'printer_fault',
        deviceId: d.id,
        deviceName: d.name,
        code,
        since: d.printer.checkedAt,
      });
    }
    if (!d.online && now - (d.lastSeenAt ?? devices.since) >= o.offlineGraceMs) {
      alerts.push({
        id: `offline:${d.id}`,
        severity: 'critical',
        kind: 'device_offline',
        deviceId: d.id,
        deviceKind: d.kind,
        deviceName: d.name,
        lastSeenAt: d.lastSeenAt,
      });
    }
  }

  const waiting = Object.keys(state.waiting).map((id) => state.tickets[id]!);
  const ready = Object.values(state.counters).filter(available);
  const unserved = new Map<string, { waiting: number; longestWaitMs: number }>();
  for (const t of waiting) {
    if (t.kind !== 'appointment' || t.targetCounter !== null) continue;
    const due = asDue(t, now);
    if (ready.some((c) => canCall(state, c, due, now))) continue;
    const u = unserved.get(t.serviceId) ?? { waiting: 0, longestWaitMs: 0 };
    unserved.set(t.serviceId, { waiting: u.waiting + 1, longestWaitMs: Math.max(u.longestWaitMs, now - t.issuedAt) });
  }
  for (const [serviceId, u] of unserved) alerts.push({ id: `unserved:${serviceId}`, severity: 'critical', kind: 'appointments_unserved', serviceId, ...u });

  const target = targetMin * MINUTE;
  for (const q of hallFigures(state, now).queues) {
    if (q.longestWaitMs === null || q.longestWaitMs <= target) continue;
    const over = waiting.filter((t) => t.prefix === q.prefix && now - t.issuedAt > target).length;
    alerts.push({
      id: `wait:${q.prefix}`,
      severity: 'warning',
      kind: 'wait_over_target',
      prefix: q.prefix,
      serviceId: q.serviceId,
      over,
      longestWaitMs: q.longestWaitMs,
      targetMin,
    });
  }

  for (const c of counterFigures(state, now)) {
    if (c.idleMs === null || c.idleMs < o.idleGraceMs || !pickNext(state, c.number, now)) continue;
    alerts.push({ id: `idle:${c.number}`, severity: 'warning', kind: 'counter_idle', counter: c.number, idleMs: c.idleMs, callable: c.callable });
  }
  return alerts;
}
