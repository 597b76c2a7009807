// How the live hall names things in the screen's language: counters, services, queues, durations
// and alerts (the words themselves are in ./i18n.ts, under `live.`).
import type { Alert } from '../engine/hall-stats.ts';
import type { Service } from '../protocol/domain.ts';
import type { HallState } from '../protocol/state.ts';
import { digits, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { tv } from './i18n.ts';

const MINUTE = 60_000;

export const serviceName = (lang: Lang, s: Pick<Service, 'nameAr' | 'nameEn'>) => (lang === 'ar' ? s.nameAr : s.nameEn);

/** "Counter 3", or "Counter 3 · Appointments" when it has a name. */
export function counterName(lang: Lang, state: HallState, number: number): string {
  const c = state.counters[number];
  const own = c ? (lang === 'ar' ? c.nameAr : c.nameEn) : '';
  const base = tv(lang, 'live.counter', { n: number });
  return own ? `${base} · ${own}` : base;
}

/** The queue with this prefix: the appointment queue, or its service's name. */
export function queueName(lang: Lang, state: HallState, serviceId: string | null): string {
  const s = serviceId ? state.services[serviceId] : undefined;
  return s ? serviceName(lang, s) : tv(lang, 'live.queueAppointments');
}

/** A wait in whole minutes ("12 min"), hours beyond the hour ("1 h 05 min"). */
export function formatWait(lang: Lang, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60) return tv(lang, 'live.minutes', { n: minutes });
  return tv(lang, 'live.hoursMinutes', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** A running clock of a service, m:ss (h:mm:ss past the hour). */
export function formatClock(lang: Lang, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const text = h > 0 ? `${h}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
  return digits(text, lang);
}

/** What an alert says, in the screen's language. */
export function alertText(lang: Lang, state: HallState, alert: Alert): string {
  switch (alert.kind) {
    case 'wait_over_target':
      return tv(lang, 'live.alert.wait', {
        queue: queueName(lang, state, alert.serviceId),
        n: alert.over,
        target: alert.targetMin,
        wait: formatWait(lang, alert.longestWaitMs),
      });
    case 'printer_fault':
      return tv(lang, 'live.alert.printer', { device: alert.deviceName, problem: printerProblem(lang, alert.code) });
    case 'device_offline':
      return alert.lastSeenAt === null
        ? tv(lang, 'live.alert.offlineNever', { kind: tv(lang, `live.kind.${alert.deviceKind}`), device: alert.deviceName })
        : tv(lang, 'live.alert.offline', {
            kind: tv(lang, `live.kind.${alert.deviceKind}`),
            device: alert.deviceName,
            time: formatTime(alert.lastSeenAt, lang, state.settings.timeZone),
          });
    case 'counter_idle':
      return tv(lang, 'live.alert.idle', { counter: counterName(lang, state, alert.counter), idle: formatWait(lang, alert.idleMs), n: alert.callable });
    case 'appointments_unserved':
      return tv(lang, 'live.alert.unserved', { service: queueName(lang, state, alert.serviceId), n: alert.waiting });
    case 'storage_unavailable':
      return tv(lang, 'live.alert.storage', {
        problem: tv(lang, `live.storage.${alert.reason}`),
        time: formatTime(alert.since, lang, state.settings.timeZone),
      });
  }
}

/** A printer's fault code as words: paper out and cover open by name, the rest as offline with the code. */
export function printerProblem(lang: Lang, code: string): string {
  if (code === 'PAPER_OUT') return tv(lang, 'live.paperOut');
  if (code === 'COVER_OPEN') return tv(lang, 'live.coverOpen');
  return tv(lang, 'live.printerFault', { code });
}
