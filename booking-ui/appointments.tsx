// The citizen's appointments with cancel/reschedule.
import { useEffect } from 'preact/hooks';
import { formatDay, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { name2, type Appointment, type Appointments, type Service } from './console-types.ts';
import { nameIn, stamp } from './format.ts';
import { hasKey, tb, word } from './i18n.ts';

export function AppointmentsPanel({
  lang,
  appts,
  services,
  timeZone,
  found,
  rescheduling,
  onCancel,
  onReschedule,
}: {
  lang: Lang;
  appts: Appointments | null;
  services: Service[];
  timeZone: string;
  found: string | null;
  rescheduling: string | null;
  onCancel(a: Appointment): void;
  onReschedule(a: Appointment): void;
}) {
  const svc = (id: string) => services.find((s) => s.id === id);
  useEffect(() => {
    if (found) document.querySelector('[data-found="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [found, appts]);
  return (
    <section class="card bk-card bk-appts bk-scroll" data-testid="appointments">
      <h3 class="bk-h3">
        {tb(lang, 'appts.title')}
        {appts && <span class="bk-muted bk-small"> {tb(lang, 'appts.summary', appts.summary)}</span>}
      </h3>
      {!appts || appts.appointments.length === 0 ? (
        <p class="bk-muted">{tb(lang, 'appts.none')}</p>
      ) : (
        <ul class="bk-list">
          {appts.appointments.map((a) => {
            const s = svc(a.serviceId);
            return (
              <li
                key={a.id}
                data-testid={`appt-${a.id}`}
                data-status={a.status}
                data-found={found === a.id ? 'true' : undefined}
                class={rescheduling === a.id ? 'bk-appt-active' : found === a.id ? 'bk-appt-found' : undefined}
              >
                <div class="bk-appt-line">
                  <span class="ltr-num bk-ref-small">{a.reference}</span>
                  <span>{s ? name2(lang, s) : a.serviceId}</span>
                  <span class="ltr-num">
                    {formatDay(a.day, lang)} {formatTime(a.slotStart, lang, timeZone)}
                  </span>
                  <span class={`bk-chip st-${a.status}`}>{word(lang, a.status)}</span>
                  {a.status === 'booked' && (
                    <span class="bk-row bk-appt-actions">
                      <button type="button" class="btn btn-ghost btn-tiny" data-testid={`reschedule-${a.id}`} onClick={() => onReschedule(a)}>
                        {tb(lang, 'appts.reschedule')}
                      </button>
                      <button type="button" class="btn btn-ghost btn-tiny bk-danger" data-testid={`cancel-${a.id}`} onClick={() => onCancel(a)}>
                        {tb(lang, 'appts.cancel')}
                      </button>
                    </span>
                  )}
                </div>
                {a.history.length > 0 && (
                  <div class="bk-muted bk-small" data-testid="booking-history">
                    {a.history
                      .map((h) => {
                        const by = tb(lang, 'appts.by', { name: h.by ? nameIn(h.by, lang) : tb(lang, 'appts.system') });
                        return `${word(lang, h.type)} ${stamp(h.at, lang, timeZone)} ${by}`;
                      })
                      .join(' · ')}
                  </div>
                )}
                {a.messages.length > 0 && (
                  <ul class="bk-sms-list">
                    {a.messages.map((m) => {
                      const kind = `sms.kind.${m.kind}`;
                      return (
                        <li class={`bk-small bk-sms sms-${m.status}`} data-testid="booking-sms" data-kind={m.kind} data-status={m.status}>
                          {tb(lang, 'sms.line', { kind: hasKey(kind) ? tb(lang, kind) : m.kind, status: tb(lang, `sms.${m.status}`) })}{' '}
                          <span class="bk-muted">{stamp(m.at, lang, timeZone)}</span>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
