// What the hall tells citizens by SMS, and when. Every message is an outbox row written in the
// transaction of what caused it (a booking change, a call, a closure, a supervisor's broadcast, or
// the timer job for reminders), so a crash loses none; once-only messages (reminders, "your turn is
// near") carry a unique key, so none is queued twice. server/outbox.ts delivers them.
import * as repo from '../db/repos/index.ts';
import { callSequence, estimateWait, localDay, localInstant, localTime, nextDay, type HallState } from '../engine/index.ts';
import type { Appointment, Service, Settings, Ticket } from '../protocol/domain.ts';
import type { HallEvent } from '../protocol/events.ts';
import type { Hub } from './hub.ts';
import { e164 } from './outbox.ts';

/** What a message says: the outbox's `kind`. */
export type MessageKind =
  | 'booked'
  | 'rescheduled'
  | 'cancelled'
  /** Cancelled by the hall (a closure of the day, or a rollout plan that left it no seat), not at the citizen's request. */
  | 'cancelled_by_hall'
  /** Moved by the hall to the nearest free time (a rollout plan left it no seat), not at the citizen's request. */
  | 'moved_by_hall'
  | 'reminder_day'
  | 'reminder_soon'
  | 'near_turn'
  | 'called'
  | 'recalled'
  | 'broadcast';

const MINUTE = 60_000;

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

type ServiceNames = Pick<Service, 'nameAr' | 'nameEn'>;

/** Why the hall moved or cancelled a booking: the closure of its day (by name), or a change of the counters taking appointments (a rollout plan). */
export type HallCause = { closure: { ar: string; en: string } } | 'counters';

function causeText(kind: MessageKind, cause: HallCause | undefined): { ar: string; en: string } {
  if (!cause) throw new Error(`${kind} says why the hall changed the booking: give its cause`);
  return cause === 'counters'
    ? { ar: 'بسبب تغيير في الشبابيك', en: 'because of a change of counters' }
    : { ar: `لأن القاعة مغلقة في ذلك اليوم (${cause.closure.ar})`, en: `because the hall is closed that day (${cause.closure.en})` };
}

/** One SMS: the Arabic text, the English text, the link if any, the hall's signature (the hotlines). */
function compose(ar: string, en: string, link: string | null, settings: Settings): string {
  return [ar, en, link, `${settings.smsSignature.ar} | ${settings.smsSignature.en}`].filter(Boolean).join('\n');
}

/** The texts about an appointment, in both languages. */
function appointmentTexts(kind: MessageKind, a: Appointment, service: ServiceNames, timeZone: string, cause?: HallCause) {
  const time = localTime(a.slotStart, timeZone);
  const day = readableDay(a.slotStart, timeZone);
  const ref = a.reference;
  switch (kind) {
    case 'booked':
      return {
        ar: `تم حجز موعدك: ${service.nameAr}، يوم ${day.ar} الساعة ${time}. رقم الحجز: ${ref}`,
        en: `Your appointment is booked: ${service.nameEn}, ${day.en} at ${time}. Reference: ${ref}`,
      };
    case 'rescheduled':
      return {
        ar: `تم تغيير موعدك: ${service.nameAr}، إلى يوم ${day.ar} الساعة ${time}. رقم الحجز: ${ref}`,
        en: `Your appointment was moved: ${service.nameEn}, now ${day.en} at ${time}. Reference: ${ref}`,
      };
    case 'cancelled':
      return {
        ar: `تم إلغاء موعدك: ${service.nameAr}، يوم ${day.ar} الساعة ${time}. رقم الحجز: ${ref}`,
        en: `Your appointment was cancelled: ${service.nameEn}, ${day.en} at ${time}. Reference: ${ref}`,
      };
    case 'cancelled_by_hall': {
      const why = causeText(kind, cause);
      return {
        ar: `نعتذر، أُلغي موعدك: ${service.nameAr}، يوم ${day.ar} الساعة ${time}، ${why.ar}. اختر موعداً آخر من الرابط. رقم الحجز: ${ref}`,
        en: `Sorry, your appointment was cancelled: ${service.nameEn}, ${day.en} at ${time}, ${why.en}. Choose another time at the link. Reference: ${ref}`,
      };
    }
    case 'moved_by_hall': {
      const why = causeText(kind, cause);
      return {
        ar:
          `نقلت القاعة موعدك: ${service.nameAr}، إلى يوم ${day.ar} الساعة ${time}، ${why.ar}. ` +
          `يمكنك اختيار موعد آخر أو الإلغاء من الرابط. رقم الحجز: ${ref}`,
        en:
          `The hall moved your appointment: ${service.nameEn}, now ${day.en} at ${time}, ${why.en}. ` +
          `Choose another time or cancel at the link. Reference: ${ref}`,
      };
    }
    case 'reminder_day':
      return {
        ar: `تذكير: موعدك غداً ${day.ar} الساعة ${time}: ${service.nameAr}. رقم الحجز: ${ref}`,
        en: `Reminder: your appointment is tomorrow, ${day.en} at ${time}: ${service.nameEn}. Reference: ${ref}`,
      };
    case 'reminder_soon':
      return {
        ar: `تذكير: موعدك اليوم الساعة ${time}: ${service.nameAr}. رقم الحجز: ${ref}`,
        en: `Reminder: your appointment is today at ${time}: ${service.nameEn}. Reference: ${ref}`,
      };
    default:
      throw new Error(`not an appointment message: ${kind}`);
  }
}

/** The link of the citizen's appointment page, where the hall can be reached by phones. */
const pageLink = (hub: Hub, a: Appointment) => (a.pageToken ? repo.appointmentPageUrl(hub.publicOrigin, a.pageToken) : null);

/** Queues a message about an appointment (a booking change, a reminder, a cancellation by the hall). Call inside the transaction that causes it. */
export function enqueueAppointmentMessage(
  hub: Hub,
  kind: MessageKind,
  a: Appointment,
  service: ServiceNames,
  opts: { onceKey?: string; cause?: HallCause } = {},
): number | null {
  const settings = hub.current.settings;
  // The stored row holds the token even when the appointment came from an event older than tokens.
  const withToken = a.pageToken ? a : { ...a, pageToken: repo.getAppointment(hub.db, a.id)?.pageToken ?? '' };
  const t = appointmentTexts(kind, withToken, service, settings.timeZone, opts.cause);
  return repo.enqueueMessage(hub.db, {
    channel: 'sms',
    kind,
    to: e164(a.phone),
    body: compose(t.ar, t.en, pageLink(hub, withToken), settings),
    appointmentId: a.id,
    onceKey: opts.onceKey ?? null,
    now: hub.clock.now(),
  });
}

/** The phone of a ticket's holder: the one a walk-in gave at the kiosk, or the appointment's. */
function phoneOf(state: HallState, t: Ticket, walkinPhones: ReadonlyMap<string, string>): string | null {
  const given = walkinPhones.get(t.id);
  if (given) return given;
  const a = t.appointmentId ? state.appointments[t.appointmentId] : undefined;
  return a?.phone || null;
}

function enqueueTicketMessage(hub: Hub, kind: MessageKind, t: Ticket, to: string, ar: string, en: string, link: string | null, onceKey?: string) {
  return repo.enqueueMessage(hub.db, {
    channel: 'sms',
    kind,
    to: e164(to),
    body: compose(ar, en, link, hub.current.settings),
    appointmentId: t.appointmentId,
    ticketId: t.id,
    onceKey: onceKey ?? null,
    now: hub.clock.now(),
  });
}

const statusLink = (hub: Hub, t: Ticket) => `${hub.publicOrigin}/t/${t.statusToken}`;

/**
 * "Your turn is near": every waiting ticket with a phone whose place in the order the open counters
 * will call (engine/select.ts callSequence, the place the status page shows) is within
 * `nearTurnPosition`, once per ticket. Checked after every command, so a jump (a transfer or a move
 * to one counter, a priority, a counter opening) counts as much as a call; only those first places
 * are computed and looked at, so the check costs the same however long the queue is.
 */
function nearTurn(hub: Hub, walkinPhones: () => ReadonlyMap<string, string>) {
  const state = hub.current;
  const now = hub.clock.now();
  // Tickets no open counter would call yet have no place, and no minutes to promise.
  for (const id of callSequence(state, now, state.settings.nearTurnPosition)) {
    const t = state.tickets[id]!;
    const to = phoneOf(state, t, walkinPhones());
    if (!to) continue;
    const onceKey = `near_turn:${t.id}`;
    if (repo.onceKeyUsed(hub.db, onceKey)) continue;
    const min = Math.max(1, estimateWait(state, t, now).estimatedWaitMin ?? 1);
    enqueueTicketMessage(
      hub,
      'near_turn',
      t,
      to,
      `دورك قريب: التذكرة ${t.label}، بعد نحو ${min} دقيقة. يرجى العودة إلى القاعة.`,
      `Your turn is near: ticket ${t.label}, in about ${min} min. Please come back to the hall.`,
      statusLink(hub, t),
      onceKey,
    );
  }
}

/** The messages a command's events cause, inside its transaction (Hub.onWithin). */
function onEvents(hub: Hub, events: HallEvent[]) {
  const state = hub.current;
  let phones: Map<string, string> | null = null;
  const walkinPhones = () => (phones ??= repo.ticketPhonesOfDay(hub.db, state.day));
  for (const e of events) {
    if (e.type !== 'ticket_called' && e.type !== 'ticket_recalled') continue;
    const t = state.tickets[e.ticketId];
    const to = t && phoneOf(state, t, walkinPhones());
    if (!t || !to) continue;
    const counter = state.counters[e.counter];
    const name = { ar: counter?.nameAr ? ` (${counter.nameAr})` : '', en: counter?.nameEn ? ` (${counter.nameEn})` : '' };
    if (e.type === 'ticket_called') {
      enqueueTicketMessage(
        hub,
        'called',
        t,
        to,
        `حان دورك: التذكرة ${t.label}، الشباك ${e.counter}${name.ar}`,
        `It's your turn: ticket ${t.label}, counter ${e.counter}${name.en}`,
        null,
      );
    } else {
      enqueueTicketMessage(
        hub,
        'recalled',
        t,
        to,
        `نداء ثانٍ: التذكرة ${t.label}، الشباك ${e.counter}${name.ar}`,
        `Called again: ticket ${t.label}, counter ${e.counter}${name.en}`,
        null,
      );
    }
  }
  nearTurn(hub, walkinPhones);
}

/** Reminders due now, found by the hub's timer job: the day before at `reminderDayBeforeAt`, and `reminderBeforeMinutes` before the slot. */
export function queueDueReminders(hub: Hub): number {
  const now = hub.clock.now();
  const s = hub.current.settings;
  const tz = s.timeZone;
  const today = localDay(now, tz);
  const services = hub.current.services;
  let queued = 0;
  const remind = (kind: 'reminder_day' | 'reminder_soon', list: Appointment[]) => {
    for (const a of list) {
      const service = services[a.serviceId];
      if (!service) continue;
      // The slot in the key: an appointment moved to another slot is reminded of the new one.
      if (enqueueAppointmentMessage(hub, kind, a, service, { onceKey: `${kind}:${a.id}:${a.slotStart}` }) !== null) queued++;
    }
  };
  const dayBeforeAt = localInstant(today, s.reminderDayBeforeAt, tz);
  if (now >= dayBeforeAt) {
    const tomorrow = nextDay(today);
    const tomorrows = repo.bookedInRange(hub.db, localInstant(tomorrow, '00:00', tz), localInstant(nextDay(tomorrow), '00:00', tz));
    // Booked after the reminder time: the confirmation was the reminder.
    remind(
      'reminder_day',
      tomorrows.filter((a) => a.createdAt < dayBeforeAt),
    );
  }
  if (s.reminderBeforeMinutes > 0) {
    const ahead = s.reminderBeforeMinutes * MINUTE;
    // Slots not started whose reminder is due (slot − ahead ≤ now; the range's end is exclusive), booked before it was.
    remind(
      'reminder_soon',
      repo.bookedInRange(hub.db, now, now + ahead + 1).filter((a) => a.createdAt < a.slotStart - ahead),
    );
  }
  return queued;
}

/**
 * A supervisor's message (e.g. a system outage) to everyone waiting today: the holders of today's
 * waiting and called tickets with a phone, and today's bookings not yet checked in; one per phone.
 * Call inside the transaction that records it (its audit entry). Returns how many were queued.
 */
export function queueBroadcast(hub: Hub, ar: string, en: string): number {
  const state = hub.current;
  const walkinPhones = repo.ticketPhonesOfDay(hub.db, state.day);
  const to = new Map<string, { appointmentId: string | null; ticketId: string | null }>();
  for (const t of Object.values(state.tickets)) {
    const phone = (t.status === 'waiting' || t.status === 'called') && phoneOf(state, t, walkinPhones);
    if (phone && !to.has(e164(phone))) to.set(e164(phone), { appointmentId: t.appointmentId, ticketId: t.id });
  }
  for (const a of Object.values(state.appointments)) {
    if (a.status === 'booked' && a.phone && !to.has(e164(a.phone))) to.set(e164(a.phone), { appointmentId: a.id, ticketId: null });
  }
  const body = compose(ar, en, null, state.settings);
  for (const [phone, about] of to) repo.enqueueMessage(hub.db, { channel: 'sms', kind: 'broadcast', to: phone, body, ...about, now: hub.clock.now() });
  return to.size;
}

/** Makes every command of this hub queue the messages its events cause, in its own transaction. */
export function installMessages(hub: Hub) {
  hub.onWithin((events) => onEvents(hub, events));
}
