// The hub's core: one live engine state, every command in one SQLite transaction
// (events + projections), then a broadcast. The only writer of queue state.
import type { Logger } from 'pino';
import type { Appointment } from '../protocol/domain.ts';
import type { HallEvent } from '../protocol/events.ts';
import { transaction, type Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { MonotonicClock, type Clock } from './clock.ts';
import { Storage } from './storage.ts';
import { applyRollout, dueRollouts } from './rollout.ts';
import { dayFactsOf } from '../reports/index.ts';
import { installMessages, queueDueReminders } from './messages.ts';
import {
  applyEvent,
  decide,
  foldEvents,
  localDay,
  localInstant,
  nextDay,
  type Command,
  type Decision,
  type EngineError,
  type HallState,
} from '../engine/index.ts';

export interface Committed {
  fromSeq: number;
  toSeq: number;
  events: HallEvent[];
  /** performance.now() when the command began: the call → broadcast latency (server/metrics.ts). */
  startedAt: number;
}
export type Listener = (c: Committed) => void;
/** Told every command's type, outcome and duration in seconds (the /metrics histogram, server/metrics.ts). */
export type CommandTimer = (command: Command['type'], result: 'ok' | 'rejected' | 'failed', seconds: number) => void;
/** Runs inside a command's transaction after its events are stored and folded (e.g. the messages they cause); a throw rolls the command back. */
export type WithinHook = (events: HallEvent[], actor: string) => void;

export type Executed = Decision & { fromSeq?: number; toSeq?: number };

export interface ExecuteOptions {
  /**
   * Runs inside the transaction first (checks that need the database, such as slot capacity) and
   * refuses the command by returning an error.
   */
  guard?: () => EngineError | null;
  /**
   * Runs inside the same transaction after the events are stored (side records such as outbox
   * messages): if it throws, nothing of the command is kept.
   */
  within?: (d: Extract<Decision, { ok: true }>) => void;
}

/** Folds the day just closed for the reports and keeps it, so the first report over it need not read its events; a failure only costs that. */
function keepDayFacts(db: Db, day: string, log: Logger) {
  try {
    dayFactsOf(db, day, day);
  } catch (err) {
    log.error({ err, day }, 'reports: the closed day was not folded');
  }
}

export class Hub {
  private state!: HallState;
  private seq = 0;
  /**
   * The current day's committed events, whose fold is `state`. Events are folded in place inside
   * the transaction (the projections read the folded rows); when it rolls back, the state is folded
   * again from these, without reading a database that may be failing.
   */
  private dayEvents: HallEvent[] = [];
  private listeners: Listener[] = [];
  private withinHooks: WithinHook[] = [];
  /** The next local midnight: until then `ensureDay` has nothing to check. */
  private dayEndsAt = 0;
  readonly stats = { commands: 0, rejected: 0, events: 0 };
  commandTimer: CommandTimer = () => {};
  /** Whether the database takes writes; a command that fails on a storage fault marks it. */
  readonly storage: Storage;

  /** The hub's time, which never goes back (see MonotonicClock); every part of the hub reads this one. */
  readonly clock: MonotonicClock;

  /** Where citizens' phones reach the hub (DOR_PUBLIC_URL or the address it listens on): the base of the links in SMS messages. */
  publicOrigin = '';

  constructor(
    readonly db: Db,
    wallClock: Clock,
    private log: Logger,
  ) {
    this.clock = new MonotonicClock(wallClock, (ms) =>
      this.log.warn({ backMs: ms }, 'the system clock went back; the hub holds its time until the clock catches up'),
    );
    this.storage = new Storage(db, this.clock, log);
    this.load();
    installMessages(this);
  }

  /** Rebuilds the live state from the stored events of the current day (or opens the first day). */
  private load() {
    this.dayEndsAt = 0;
    const stored = repo.currentDayEvents(this.db);
    if (stored.length === 0) {
      const now = this.clock.now();
      const settings = repo.loadSettings(this.db);
      const day = localDay(now, settings.timeZone);
      const opened: HallEvent = {
        type: 'day_opened',
        at: now,
        day,
        settings,
        services: repo.listServices(this.db),
        counters: repo.listCounters(this.db),
        appointments: repo.listAppointmentsOfDay(this.db, day),
        recentDurations: {},
      };
      this.seq = transaction(this.db, () => repo.appendEvents(this.db, day, 'system', [opened]))[0]!;
      this.dayEvents = [opened];
    } else {
      this.dayEvents = stored.map((s) => s.event);
      this.seq = stored.at(-1)!.seq;
      // After a restart too, time goes on from the last event even if the system clock is now behind it.
      this.clock.raise(stored.at(-1)!.event.at);
    }
    this.state = foldEvents(this.dayEvents);
    this.ensureDay();
  }

  get current(): Readonly<HallState> {
    return this.state;
  }
  get lastSeq(): number {
    return this.seq;
  }

  /** After the commit: broadcasts. */
  onCommit(l: Listener) {
    this.listeners.push(l);
  }

  /** Inside every command's transaction, after its own `within`: records that must be kept or lost with the command. */
  onWithin(h: WithinHook) {
    this.withinHooks.push(h);
  }

  /**
   * Runs one command: decide, then store its events and projections in one transaction, then
   * broadcast. See ExecuteOptions for what may run inside that transaction.
   */
  execute(cmd: Command, actor: string, { guard, within }: ExecuteOptions = {}): Executed {
    if (cmd.type !== 'rollover') this.ensureDay();
    const started = performance.now();
    const now = this.clock.now();
    let seqs: number[] = [];
    let decision: Decision;
    const seqBefore = this.seq;
    let folding = false;
    try {
      decision = transaction(this.db, () => {
        const refused = guard?.();
        const d: Decision = refused ? { ok: false, error: refused } : decide(this.state, cmd, now);
        if (d.ok && d.events.length > 0) {
          folding = true;
          seqs = this.commit(d.events, actor);
          within?.(d);
          for (const h of this.withinHooks) h(d.events, actor);
        }
        return d;
      });
    } catch (err) {
      // The transaction rolled back: the live state may hold part of it, so fold again what was committed.
      if (folding) {
        this.state = foldEvents(this.dayEvents);
        this.seq = seqBefore;
      }
      if (!this.storage.failed(err)) this.log.error({ err, cmd: cmd.type, actor }, 'command failed; state folded again from the committed events');
      this.commandTimer(cmd.type, 'failed', (performance.now() - started) / 1000);
      throw err;
    }
    for (const e of decision.ok ? decision.events : []) {
      if (e.type === 'day_opened') this.dayEvents = [];
      this.dayEvents.push(e);
    }
    if (folding) this.storage.recovered();
    const ms = +(performance.now() - started).toFixed(2);
    this.stats.commands++;
    this.commandTimer(cmd.type, decision.ok ? 'ok' : 'rejected', ms / 1000);
    if (!decision.ok) {
      this.stats.rejected++;
      this.log.info({ cmd: cmd.type, actor, ok: false, code: decision.error.code, ms }, 'command refused');
      return decision;
    }
    if (seqs.length === 0) return decision;
    this.log.info({ cmd: cmd.type, actor, ok: true, events: decision.events.length, seq: seqs.at(-1), ms }, 'command');
    const committed = { fromSeq: seqs[0]!, toSeq: seqs.at(-1)!, events: decision.events, startedAt: started };
    for (const l of this.listeners) l(committed);
    return { ...decision, fromSeq: committed.fromSeq, toSeq: committed.toSeq };
  }

  /** Inside the transaction: append, fold into the live state, write projections. */
  private commit(events: HallEvent[], actor: string): number[] {
    const seqs: number[] = [];
    for (const e of events) {
      const day = e.type === 'day_opened' ? e.day : this.state.day;
      seqs.push(repo.appendEvents(this.db, day, actor, [e])[0]!);
      this.state = applyEvent(this.state, e);
      this.project(e, actor);
      if (e.type === 'settings_changed' || e.type === 'day_opened') this.dayEndsAt = 0;
    }
    this.stats.events += events.length;
    this.seq = seqs.at(-1)!;
    return seqs;
  }

  /** Keeps the query tables (tickets, counters, appointments, settings) in step with the events. */
  private project(e: HallEvent, actor: string) {
    const s = this.state;
    const ticket = (id: string) => {
      const t = s.tickets[id];
      if (t) repo.upsertTicket(this.db, t);
    };
    const counter = (n: number) => {
      const c = s.counters[n];
      if (c) repo.upsertCounter(this.db, c);
    };
    const appointment = (id: string, fallback: Appointment['status']) => {
      const a = s.appointments[id];
      if (a) repo.upsertAppointment(this.db, a);
      else repo.setAppointmentStatus(this.db, id, fallback);
    };
    switch (e.type) {
      case 'day_opened':
        for (const c of Object.values(s.counters)) repo.upsertCounter(this.db, c);
        return;
      case 'day_closed':
        return;
      case 'settings_changed':
        repo.saveSettings(this.db, e.settings);
        return;
      case 'ticket_issued':
        ticket(e.ticket.id);
        return;
      case 'appointment_booked':
        repo.upsertAppointment(this.db, { ...e.appointment, createdAt: e.at, createdBy: actor });
        return;
      case 'appointment_rescheduled':
        repo.upsertAppointment(this.db, e.appointment);
        return;
      case 'appointment_cancelled':
        appointment(e.appointmentId, 'cancelled');
        return;
      case 'appointment_no_show':
        appointment(e.appointmentId, 'no_show');
        return;
      case 'appointment_checked_in':
        appointment(e.appointmentId, 'checked_in');
        return;
      case 'appointment_late_converted':
        appointment(e.appointmentId, 'late_converted');
        return;
      case 'counter_opened':
      case 'counter_closed':
      case 'counter_mode_changed':
      case 'counter_paused':
      case 'counter_resumed':
        counter(e.counter);
        return;
      case 'ticket_transferred':
        ticket(e.ticketId);
        counter(e.fromCounter);
        return;
      case 'ticket_cancelled':
        ticket(e.ticketId);
        for (const c of Object.values(s.counters)) counter(c.number);
        return;
      case 'ticket_called':
      case 'ticket_recalled':
      case 'ticket_no_show':
      case 'ticket_started':
      case 'ticket_finished':
        ticket(e.ticketId);
        counter(e.counter);
        return;
      case 'service_saved':
        repo.upsertService(this.db, e.service);
        return;
      case 'counter_saved':
        counter(e.counter.number);
        return;
      // The supervisor's live hall: out of service, the ticker and an early end live in the day's state only.
      case 'counter_services_changed':
        counter(e.counter);
        return;
      case 'ticket_moved':
        ticket(e.ticketId);
        return;
    }
  }

  /** Rolls over to the local date of now if the day has changed (midnight in the hall's zone). */
  ensureDay() {
    const now = this.clock.now();
    if (now < this.dayEndsAt) return;
    const tz = this.state.settings.timeZone;
    const today = localDay(now, tz);
    if (today > this.state.day) {
      const closing = this.state.day;
      const appointments = repo.listAppointmentsOfDay(this.db, today);
      const d = this.execute({ type: 'rollover', day: today, appointments }, 'system');
      if (!d.ok) this.log.error({ error: d.error }, 'rollover refused');
      else keepDayFacts(this.db, closing, this.log);
    }
    this.dayEndsAt = localInstant(nextDay(this.state.day), '00:00', this.state.settings.timeZone);
  }

  /** Periodic jobs: day rollover, the no-show sweep, due rollouts and due reminders, on the hub's clock. */
  tick() {
    this.ensureDay();
    this.execute({ type: 'sweep_no_shows' }, 'system');
    this.applyDueRollouts();
    queueDueReminders(this);
  }

  /** Switches the counters of every confirmed rollout plan whose day has opened (server/rollout.ts); one that fails is logged and tried again next time. */
  applyDueRollouts() {
    for (const plan of dueRollouts(this.db, this.clock.now(), this.state.settings.timeZone)) {
      try {
        applyRollout(this, plan);
        this.log.info({ rollout: plan.id, day: plan.fromDay }, 'rollout applied');
      } catch (err) {
        this.log.error({ err, rollout: plan.id }, 'rollout not applied');
      }
    }
  }
}
