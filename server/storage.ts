// Whether the database takes writes. A write that fails on a storage fault (db/faults.ts) marks it
// unavailable: commands are then refused with 503 STORAGE_UNAVAILABLE before they touch the
// database, reads and screens go on from memory and reads, /healthz and the supervisors are told,
// and a probe (on a short interval, and before each command) brings it back when the fault clears.
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { markFailing, probeWrite, storageFault, type StorageFault } from '../db/faults.ts';
import type { StorageStatus } from '../protocol/messages.ts';
import type { Clock } from './clock.ts';
import { HttpError } from './errors.ts';

/** How often the database is probed while a fault lasts: a probe costs a rolled-back write and never waits for a lock. */
const PROBE_EVERY_MS = 1000;

export class Storage {
  private fault: (StorageFault & { since: number }) | null = null;
  private listeners: ((s: StorageStatus) => void)[] = [];

  constructor(
    private db: Db,
    private clock: Clock,
    private log: Logger,
  ) {}

  get status(): StorageStatus {
    return this.fault ? { available: false, ...this.fault } : { available: true };
  }

  onChange(l: (s: StorageStatus) => void): void {
    this.listeners.push(l);
  }

  /** A write failed with `err`: a storage fault marks the storage unavailable. Returns whether it was one. */
  failed(err: unknown): boolean {
    const fault = storageFault(err);
    if (!fault) return false;
    this.mark(fault, err);
    return true;
  }

  /** Whether writes may be tried now: no fault is known, or a probe finds the database writable again. */
  writable(): boolean {
    if (!this.fault) return true;
    const fault = probeWrite(this.db);
    if (fault) {
      this.mark(fault);
      return false;
    }
    this.recovered();
    return true;
  }

  /** A write went through (a job's, between two probes): whatever fault was known is over. */
  recovered(): void {
    if (!this.fault) return;
    this.log.info({ was: this.fault }, 'storage available again');
    this.fault = null;
    this.changed();
  }

  /** Refuses a command with 503 unless writes may be tried. */
  assertWritable(): void {
    if (!this.writable()) throw storageUnavailable();
  }

  /** Probes while a fault lasts, so the hub recovers without waiting for a command; returns the stop. */
  startProbing(): () => void {
    const timer = setInterval(() => {
      try {
        this.writable();
      } catch (err) {
        this.log.error({ err }, 'storage probe failed');
      }
    }, PROBE_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Records the fault; a new one (another code) is logged and pushed, keeping when the storage first failed. */
  private mark(fault: StorageFault, err?: unknown) {
    if (this.fault?.code === fault.code) return;
    this.fault = { ...fault, since: this.fault?.since ?? this.clock.now() };
    this.log.error({ err, ...fault }, 'storage unavailable: commands are refused until the database takes writes again');
    this.changed();
  }

  private changed() {
    markFailing(this.db, this.fault !== null);
    const s = this.status;
    for (const l of this.listeners) l(s);
  }
}

export const storageUnavailable = () =>
  new HttpError(503, 'STORAGE_UNAVAILABLE', 'The hub cannot save to its database right now; nothing was changed. Try again shortly.');
