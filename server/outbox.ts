// The outbox: confirmation messages to citizens are stored in the same transaction as the booking
// that causes them, then delivered by a worker on the hub's timer through a pluggable sender,
// retried with exponential backoff on the hub's clock.
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Appointment, Service } from '../protocol/domain.ts';
import type { Clock } from './clock.ts';
import { localTime } from '../engine/index.ts';

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

export type MessageKind = 'booked' | 'rescheduled' | 'cancelled';

const dayFormats = new Map<string, { ar: Intl.DateTimeFormat; en: Intl.DateTimeFormat }>();

/** The slot's day as a person reads it, with the weekday: "الأحد، 6 ديسمبر" and "Sun 6 Dec" (not an ISO date). */
export function readableDay(ms: number, timeZone: string): { ar: string; en: string } {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = {
      ar: new Intl.DateTimeFormat('ar-BH-u-nu-latn', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
      en: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }),
    };
    dayFormats.set(timeZone, f);
  }
  return { ar: f.ar.format(ms), en: f.en.format(ms) };
}

/** The Arabic + English confirmation text of a booking change. */
export function confirmationText(kind: MessageKind, a: Appointment, service: Pick<Service, 'nameAr' | 'nameEn'>, timeZone: string): string {
  const time = localTime(a.slotStart, timeZone);
  const day = readableDay(a.slotStart, timeZone);
  const ar = {
    booked: `تم حجز موعدك: ${service.nameAr}، يوم ${day.ar} الساعة ${time}. رقم الحجز: ${a.reference}`,
    rescheduled: `تم تغيير موعدك: ${service.nameAr}، إلى يوم ${day.ar} الساعة ${time}. رقم الحجز: ${a.reference}`,
    cancelled: `تم إلغاء موعدك: ${service.nameAr}، يوم ${day.ar} الساعة ${time}. رقم الحجز: ${a.reference}`,
  }[kind];
  const en = {
    booked: `Your appointment is booked: ${service.nameEn}, ${day.en} at ${time}. Reference: ${a.reference}`,
    rescheduled: `Your appointment was moved: ${service.nameEn}, now ${day.en} at ${time}. Reference: ${a.reference}`,
    cancelled: `Your appointment was cancelled: ${service.nameEn}, ${day.en} at ${time}. Reference: ${a.reference}`,
  }[kind];
  return `${ar}\n${en}`;
}

/** Queues the confirmation of a booking change. Call inside the booking's transaction. */
export function enqueueConfirmation(
  db: Db,
  kind: MessageKind,
  a: Appointment,
  service: Pick<Service, 'nameAr' | 'nameEn'>,
  timeZone: string,
  now: number,
): number {
  return repo.enqueueMessage(db, { channel: 'sms', to: e164(a.phone), body: confirmationText(kind, a, service, timeZone), appointmentId: a.id, now });
}

/** Delivers due messages; one run at a time. */
export class OutboxWorker {
  private running: Promise<number> | null = null;

  constructor(
    private db: Db,
    private clock: Clock,
    private sender: SmsSender,
    private log: Logger,
  ) {}

  get senderName() {
    return this.sender.name;
  }

  /** Sends every message due now; resolves with how many were tried. A run already going is joined. */
  deliverDue(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const due = repo.dueMessages(this.db, this.clock.now());
    for (const m of due) {
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
    return due.length;
  }
}
