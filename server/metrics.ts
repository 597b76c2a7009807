// /metrics for Prometheus: one prom-client registry per hub (tests run several hubs in one process).
// Only the two latencies are observed as they happen (one histogram observation per command, one
// per called ticket's broadcast); every other figure is read from the hub, its sockets, printers,
// storage and outbox when Prometheus scrapes. No label carries a citizen's data: queues are ticket
// prefixes, screens are kinds, printers are the kiosk's name and the printer's address.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Server } from 'socket.io';
import type { StorageFaultReason } from '../db/faults.ts';
import * as repo from '../db/repos/index.ts';
import { hallFigures } from '../engine/index.ts';
import type { HallEvent } from '../protocol/events.ts';
import type { Hub } from './hub.ts';
import type { DevicePresence } from './presence.ts';
import type { Printing } from './printing.ts';
import { connectedScreens, SCREEN_KINDS } from './sockets.ts';

const PREFIX = 'dor_';
/** Commands take a few milliseconds; a slow disk or a lock shows in the upper buckets (seconds). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const STORAGE_FAULTS = Object.keys({ full: 0, read_only: 0, locked: 0, io: 0 } satisfies Record<StorageFaultReason, 0>);
const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'dropped'] as const satisfies readonly repo.OutboxStatus[];

let processRegistry: Registry | null = null;
/**
 * The process's CPU, memory, event loop and GC figures, registered once: they describe the process
 * whichever hub serves them, and every registration starts its own GC observer and event-loop monitor.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: PREFIX });
  }
  return processRegistry;
}

/** What the hub serves over HTTP and Socket.IO, read at scrape time. */
export interface LiveParts {
  io: Server;
  presence: DevicePresence;
  printing: Printing;
}

export class HubMetrics {
  readonly registry = Registry.merge([processMetrics()]);
  private readonly commands: Histogram<'command' | 'result'>;
  private readonly callBroadcast: Histogram;

  constructor(private hub: Hub) {
    const registers = [this.registry];
    this.commands = new Histogram({
      name: 'dor_command_duration_seconds',
      help: 'Time a command took in the hub (decide, commit, fold), by command type and result (ok, rejected, failed).',
      labelNames: ['command', 'result'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.callBroadcast = new Histogram({
      name: 'dor_call_broadcast_seconds',
      help: "From the start of a command that calls (or recalls) a ticket to its delta handed to Socket.IO for the displays' room.",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    hub.commandTimer = (command, result, seconds) => this.commands.observe({ command, result }, seconds);

    const stat = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    stat('dor_commands_total', 'Commands the hub ran (accepted or rejected) since it started.', () => hub.stats.commands);
    stat('dor_commands_rejected_total', 'Commands the engine refused since the hub started.', () => hub.stats.rejected);
    stat('dor_events_total', 'Events the hub stored since it started.', () => hub.stats.events);
    new Gauge({
      name: 'dor_event_seq',
      help: 'Sequence number of the last stored event.',
      registers,
      collect() {
        this.set(hub.lastSeq);
      },
    });
    new Gauge({
      name: 'dor_tickets_today',
      help: "Today's tickets.",
      registers,
      collect() {
        this.set(Object.keys(hub.current.tickets).length);
      },
    });
    new Gauge({
      name: 'dor_tickets',
      help: "Today's tickets by kind (walkin, appointment) and status.",
      labelNames: ['kind', 'status'],
      registers,
      collect() {
        this.reset();
        for (const t of Object.values(hub.current.tickets)) this.inc({ kind: t.kind, status: t.status });
      },
    });
    const queues = () => hallFigures(hub.current, hub.clock.now()).queues;
    new Gauge({
      name: 'dor_waiting',
      help: 'Tickets waiting now, by queue (ticket prefix).',
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        for (const q of queues()) this.set({ queue: q.prefix }, q.waiting);
      },
    });
    new Gauge({
      name: 'dor_longest_wait_seconds',
      help: 'How long the longest-waiting ticket of each queue has waited since issue or check-in (0: nobody waits).',
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        for (const q of queues()) this.set({ queue: q.prefix }, (q.longestWaitMs ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'dor_counters_open',
      help: 'Counters open now.',
      registers,
      collect() {
        this.set(Object.values(hub.current.counters).filter((c) => c.open).length);
      },
    });
    new Gauge({
      name: 'dor_storage_available',
      help: 'Whether the database takes writes (1) or commands are refused with 503 STORAGE_UNAVAILABLE (0).',
      registers,
      collect() {
        this.set(hub.storage.status.available ? 1 : 0);
      },
    });
    const storageErrors = new Counter({
      name: 'dor_storage_errors_total',
      help: 'Storage faults since the hub started: each time the database stopped taking writes, by reason (full, read_only, locked, io).',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of STORAGE_FAULTS) storageErrors.inc({ reason }, 0);
    hub.storage.onChange((s) => {
      if (!s.available) storageErrors.inc({ reason: s.reason });
    });
    new Gauge({
      name: 'dor_outbox_messages',
      help: 'Messages to citizens in the outbox, by status (queued: not delivered yet).',
      labelNames: ['status'],
      registers,
      collect() {
        const counts = repo.outboxCounts(hub.db);
        for (const status of OUTBOX_STATUSES) this.set({ status }, counts[status] ?? 0);
      },
    });
    new Gauge({
      name: 'dor_outbox_oldest_queued_seconds',
      help: 'Age of the oldest message still queued, held through quiet hours or waiting for a retry included (0: none).',
      registers,
      collect() {
        const at = repo.oldestQueuedAt(hub.db);
        this.set(at === null ? 0 : Math.max(0, hub.clock.now() - at) / 1000);
      },
    });
  }

  /** The screens and printers: once the hub serves them. */
  watch({ io, presence, printing }: LiveParts): void {
    const registers = [this.registry];
    new Gauge({
      name: 'dor_socket_clients',
      help: 'Socket.IO connections now.',
      registers,
      collect() {
        this.set(io.engine.clientsCount);
      },
    });
    new Gauge({
      name: 'dor_screens_connected',
      help: "Connected screens by kind: display, kiosk, counter, booking, supervisor (and admins), status (a citizen's phone on the ticket page).",
      labelNames: ['kind'],
      registers,
      collect() {
        const screens = connectedScreens(io);
        for (const kind of SCREEN_KINDS) this.set({ kind }, screens[kind]);
      },
    });
    const db = this.hub.db;
    new Gauge({
      name: 'dor_printer_up',
      help: "Each kiosk's printer at its last print or poll: 1 ok, 0 not (state: ok, paper_out, cover_open, offline, timeout…); absent before the first.",
      labelNames: ['device', 'kiosk', 'printer', 'state'],
      registers,
      collect() {
        this.reset();
        for (const d of presence.status(db, printing).devices) {
          if (d.printer?.ok == null) continue;
          const state = d.printer.ok ? 'ok' : (d.printer.error?.code.toLowerCase() ?? 'error');
          this.set({ device: String(d.id), kiosk: d.name, printer: d.printer.target, state }, d.printer.ok ? 1 : 0);
        }
      },
    });
  }

  /** A commit's delta was handed to Socket.IO for the public screens: times it from its command's start when it calls a ticket. */
  handedToDisplays(events: readonly HallEvent[], startedAt: number): void {
    if (events.some((e) => e.type === 'ticket_called' || e.type === 'ticket_recalled')) this.callBroadcast.observe((performance.now() - startedAt) / 1000);
  }
}
