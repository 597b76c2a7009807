// The outbox: messages to citizens (server/messages.ts) are stored in the same transaction as the
// event that causes them, then delivered by a worker on the hub's timer through a pluggable sender,
// retried with exponential backoff on the hub's clock, and held through the hall's quiet hours.
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Settings } from '../protocol/domain.ts';
import type { Clock } from './clock.ts';
import { localDay, localInstant, localTime, nextDay } from '../engine/index.ts';

export interface SmsSender {
  readonly name: string;
  /** Resolves when the gateway accepted the message; rejects otherwise. */
  send(to: string, text: string): Promise<void>;
}

/** The default: writes the message to the log and counts it as sent. */
export function logSender(log: Logger): SmsSender {
  return {
    name: 'log',
    async send(to, text) {
      log.info({ to, text }, 'sms (log sender)');
    },
  };
}

/** POSTs `{ to, text }` as JSON to a hall's SMS gateway; any non-2xx answer or a timeout is a failure. */
export function webhookSender(url: string, timeoutMs = 5000): SmsSender {
  return {
    name: 'webhook',
    async send(to, text) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 8;

/** Delay before the next try after `attempts` failed tries: 30 s × 2^(attempts − 1), at most an hour. */
export const retryDelay = (attempts: number) => Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));

/** International form of a Bahraini mobile: +973XXXXXXXX. */
export const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+973${phone}`);

/** Kinds sent at once even in quiet hours: the citizen is being called now. */
const URGENT: ReadonlySet<string> = new Set(['called', 'recalled']);

/** When the quiet hours holding `now` end, or null outside them (`from` = `to`: none). */
export function quietUntil(now: number, quiet: Settings['quietHours'], timeZone: string): number | null {
  const { from, to } = quiet;
  if (from === to) return null;
  const t = localTime(now, timeZone);
  const today = localDay(now, timeZone);
  // Within one day (e.g. 13:00–15:00), or across midnight (21:00–07:00: after `from`, or before `to`).
  const inside = from < to ? t >= from && t < to : t >= from || t < to;
  if (!inside) return null;
  return localInstant(t < to ? today : nextDay(today), to, timeZone);
}

/** Delivers due messages; one run at a time. */
export class OutboxWorker {
  private running: Promise<number> | null = null;

  constructor(
    private db: Db,
    private clock: Clock,
    private sender: SmsSender,
    private log: Logger,
    /** The hall's settings now (quiet hours, time zone). */
    private settings: () => Settings,
    /** Whether a message is no longer true when its moment comes (it is dropped, not sent). */
    private stale: (m: repo.OutboxRow) => boolean = () => false,
  ) {}

  get senderName() {
    return this.sender.name;
  }

  /**
   * Sends every message due now (in quiet hours, only "called"; the others wait until they end);
   * resolves with how many were tried. A run already going is joined.
   */
  deliverDue(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const due = repo.dueMessages(this.db, this.clock.now());
    const { quietHours, timeZone } = this.settings();
    const holdUntil = quietUntil(this.clock.now(), quietHours, timeZone);
    let tried = 0;
    for (const m of due) {
      if (holdUntil !== null && !URGENT.has(m.kind)) {
        repo.updateMessage(this.db, m.id, { nextAttemptAt: holdUntil });
        continue;
      }
      if (this.stale(m)) {
        repo.updateMessage(this.db, m.id, { status: 'dropped' });
        continue;
      }
      tried++;
      const attempts = m.attempts + 1;
      try {
        await this.sender.send(m.to, m.body);
      } catch (err) {
        const lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        const failed = attempts >= MAX_ATTEMPTS;
        repo.updateMessage(this.db, m.id, {
          status: failed ? 'failed' : 'queued',
          attempts,
          lastError,
          nextAttemptAt: this.clock.now() + (failed ? 0 : retryDelay(attempts)),
        });
        this.log.warn({ id: m.id, attempts, failed, err: lastError }, 'sms delivery failed');
        continue;
      }
      // Outside the try: a database that cannot record the delivery is not a failed delivery (the run stops, logged by the hub's timer).
      repo.updateMessage(this.db, m.id, { status: 'sent', attempts, sentAt: this.clock.now(), lastError: null });
    }
    return tried;
  }
}
