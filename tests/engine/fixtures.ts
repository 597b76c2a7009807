// Test fixtures for the pure queue engine: a realistic hall, appointments, and a tiny driver that
// decides, asserts, applies and records every event (so the live state can be compared with a fold).
import { DEFAULT_SETTINGS } from '../../protocol/domain.ts';
import type { Appointment, Counter, CounterMode, Priority, Service, Settings, Ticket } from '../../protocol/domain.ts';
import type { EventOf, HallEvent } from '../../protocol/events.ts';
import { applyEvent, decide, foldEvents, freshTicket, localInstant, stateFromCheckpoint } from '../../engine/index.ts';
import type { Command, Decision, HallState } from '../../engine/index.ts';

export const TZ = 'Asia/Bahrain';
export const DAY = '2026-11-26'; // a Thursday
export const MINUTE = 60_000;
export const SECOND = 1_000;

/** The instant of `HH:MM` on `day` in the hall's time zone. */
export const at = (time: string, day: string = DAY): number => localInstant(day, time, TZ);

export function service(id: string, prefix: string, over: Partial<Service> = {}): Service {
  return {
    id,
    prefix,
    nameAr: `خدمة ${prefix}`,
    nameEn: `Service ${prefix}`,
    defaultDurationMin: 10,
    slotMinutes: 15,
    bookable: true,
    kioskVisible: true,
    sortOrder: prefix.charCodeAt(0),
    icon: '',
    colour: '#1f6f8b',
    active: true,
    bringAr: '',
    bringEn: '',
    ...over,
  };
}

/** Five walk-in services, queues B..F; B, C and F can also be booked. */
export const SERVICES: Service[] = [
  service('application-status', 'B', { nameEn: 'Application status', defaultDurationMin: 10, bookable: true }),
  service('letters', 'C', { nameEn: 'Letters', defaultDurationMin: 6, bookable: true }),
  service('contact-update', 'D', { nameEn: 'Phone and address update', defaultDurationMin: 5, bookable: false }),
  service('iban-update', 'E', { nameEn: 'IBAN update', defaultDurationMin: 8, bookable: false }),
  service('family-update', 'F', { nameEn: 'Family members', defaultDurationMin: 12, bookable: true, slotMinutes: 20 }),
];
export const [B, C, D, E, F] = SERVICES.map((s) => s.id) as [string, string, string, string, string];

export function counter(number: number, mode: CounterMode, serviceIds: string[] = []): Counter {
  return { number, mode, serviceIds, nameAr: '', nameEn: '', active: true, open: false, userId: null, paused: false, pauseReason: null, currentTicketId: null };
}

/** Counters 1 and 2 dedicated to appointments (the pilot), 3..6 general; all serve every service. */
export const COUNTERS: Counter[] = [
  counter(1, 'appointment'),
  counter(2, 'appointment'),
  counter(3, 'general'),
  counter(4, 'general'),
  counter(5, 'general'),
  counter(6, 'general'),
];

let apptSeq = 0;
/** A waiting walk-in ticket B-001 issued at 09:00 today, changed by `over`. */
export function ticket(over: Partial<Ticket> = {}): Ticket {
  const issued = freshTicket({
    id: 't-1',
    day: DAY,
    prefix: 'B',
    number: 1,
    label: 'B-001',
    kind: 'walkin',
    serviceId: 'new-application',
    priority: 'none',
    issuedAt: at('09:00'),
    appointmentId: null,
    slotStart: null,
    statusToken: 'tok-1',
    cpr: null,
  });
  return { ...issued, ...over };
}

export interface ApptOptions {
  serviceId?: string;
  cpr?: string;
  reference?: string;
  id?: string;
  status?: Appointment['status'];
}

/** A booked appointment at local `HH:MM` of `day`. */
export function appointment(time: string, o: ApptOptions = {}, day: string = DAY): Appointment {
  const n = ++apptSeq;
  const serviceId = o.serviceId ?? B;
  const slotMinutes = SERVICES.find((s) => s.id === serviceId)?.slotMinutes ?? 15;
  const slotStart = localInstant(day, time, TZ);
  return {
    id: o.id ?? `appt-${n}`,
    reference: o.reference ?? `REF${String(n).padStart(4, '0')}`,
    serviceId,
    day,
    slotStart,
    slotEnd: slotStart + slotMinutes * MINUTE,
    status: o.status ?? 'booked',
    cpr: o.cpr ?? String(100000000 + n),
    phone: '+97333000000',
    nameAr: 'مواطن',
    nameEn: 'Citizen',
    notes: '',
    ticketId: null,
    pageToken: `page-${n}`,
  };
}

export interface HallOptions {
  day?: string;
  settings?: Partial<Settings>;
  services?: Service[];
  counters?: Counter[];
  appointments?: Appointment[];
  recentDurations?: Record<string, number[]>;
}

/** The `day_opened` checkpoint of a hall. */
export function dayOpened(o: HallOptions = {}): EventOf<'day_opened'> {
  const day = o.day ?? DAY;
  return {
    type: 'day_opened',
    at: localInstant(day, '00:00', TZ),
    day,
    settings: { ...structuredClone(DEFAULT_SETTINGS), ...structuredClone(o.settings ?? {}) },
    services: structuredClone(o.services ?? SERVICES),
    counters: structuredClone(o.counters ?? COUNTERS),
    appointments: structuredClone(o.appointments ?? []),
    recentDurations: structuredClone(o.recentDurations ?? {}),
  };
}

export class EngineRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly cmd: Command,
  ) {
    super(`${code}: ${message} (command ${JSON.stringify(cmd)})`);
  }
}

/**
 * Decides `cmd`, throws unless it was accepted, applies the events to `state` (which is mutated)
 * and returns the decision. A rollover replaces the state: use `Hall` for that.
 */
export function run(state: HallState, cmd: Command, now: number): Extract<Decision, { ok: true }> {
  const d = decide(state, cmd, now);
  if (!d.ok) throw new EngineRejected(d.error.code, d.error.message, cmd);
  for (const e of d.events) {
    if (e.type === 'day_opened') throw new Error('run() cannot switch days; use Hall.run');
    applyEvent(state, e);
  }
  return d;
}

/** A hall whose live state is kept by applying every accepted event, and which records them all. */
export class Hall {
  state: HallState;
  readonly events: HallEvent[];

  constructor(opened: EventOf<'day_opened'> = dayOpened()) {
    this.events = [structuredClone(opened)];
    this.state = stateFromCheckpoint(opened);
  }

  /** Decides and applies if accepted; returns the decision either way. */
  attempt(cmd: Command, now: number): Decision {
    const d = decide(this.state, cmd, now);
    if (d.ok) {
      for (const e of d.events) {
        // Record a copy: the event must not change when the live state changes later.
        this.events.push(structuredClone(e));
        this.state = applyEvent(this.state, e);
      }
    }
    return d;
  }

  /** Decides, throws unless accepted, applies; returns the decision. */
  run(cmd: Command, now: number): Extract<Decision, { ok: true }> {
    const d = this.attempt(cmd, now);
    if (!d.ok) throw new EngineRejected(d.error.code, d.error.message, cmd);
    return d;
  }

  /** Decides a command that must be refused; returns the error code. The state is left alone. */
  refuse(cmd: Command, now: number): string {
    const d = decide(this.state, cmd, now);
    if (d.ok) throw new Error(`expected a refusal of ${JSON.stringify(cmd)}, got events ${JSON.stringify(d.events.map((e) => e.type))}`);
    return d.error.code;
  }

  /** The state rebuilt from every recorded event. */
  fold(): HallState {
    return foldEvents(this.events);
  }

  // ---- shorthands -------------------------------------------------------------------------

  walkin(serviceId: string, now: number, priority: Priority = 'none'): string {
    const d = this.run({ type: 'issue_walkin', serviceId, priority, statusToken: `tok-${this.events.length}`, cpr: null }, now);
    return d.ticketId!;
  }

  open(n: number, now: number, userId: number = 100 + n): void {
    this.run({ type: 'open_counter', counter: n, userId }, now);
  }

  callNext(n: number, now: number): string {
    return this.run({ type: 'call_next', counter: n }, now).ticketId!;
  }

  /** The ticket `call_next` would give, or the refusal code. */
  next(n: number, now: number): string {
    const d = decide(this.state, { type: 'call_next', counter: n }, now);
    return d.ok ? d.ticketId! : d.error.code;
  }

  /** Calls the next ticket at counter `n`, serves it for `serveMs` and finishes it; returns its id. */
  serveNext(n: number, now: number, serveMs = 5 * MINUTE): string {
    const id = this.callNext(n, now);
    this.run({ type: 'start', counter: n }, now);
    this.run({ type: 'finish', counter: n, outcome: 'served', note: null }, now + serveMs);
    return id;
  }

  checkInCpr(cpr: string, now: number): Extract<Decision, { ok: true }> {
    return this.run({ type: 'check_in', by: { cpr }, statusToken: `tok-${this.events.length}` }, now);
  }

  ticket(id: string) {
    const t = this.state.tickets[id];
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  waitingIds(): string[] {
    return Object.keys(this.state.waiting).sort();
  }
}
