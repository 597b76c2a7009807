// The bookings a confirmed plan left without a seat (after confirming it, after cancelling it, or asked
// from the plans list) and the supervisor's "move them to the nearest free time and tell them"
// (rollout.reseat): all of the list at once or one by one, after a dialog that says how many and that
// each citizen gets an SMS; then who moved to when, and who was cancelled because no time was free
// within the booking horizon. Where each goes is the hub's choice, under the console's own rules.
import { useState } from 'preact/hooks';
import type { HallState } from '../protocol/state.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { useLang } from '../ui-kit/components.tsx';
import { digits, formatDay, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon, InfoIcon } from '../ui-kit/icons.tsx';
import { FormDialog } from './admin-kit.tsx';
import { tv } from './i18n.ts';
import { RolloutIcon } from './icons.tsx';

export type Unfit = ReplyOf<'rollout.unfit'>['unfit'][number];
type Reseated = ReplyOf<'rollout.reseat'>;
type Services = HallState['services'];

export function serviceName(lang: Lang, services: Services, id: string): string {
  const s = services[id];
  return s ? (lang === 'ar' ? s.nameAr : s.nameEn) : id;
}

function Reference({ reference }: { reference: string }) {
  return (
    <bdi class="ltr-num ro-reference" dir="ltr">
      {reference}
    </bdi>
  );
}

function DayTime({ day, time }: { day: string; time: string }) {
  const lang = useLang();
  return (
    <>
      {formatDay(day, lang)} <span class="ltr-num">{digits(time, lang)}</span>
    </>
  );
}

/** The bookings without a seat; with `onMove`, each row has its own "move and tell" button. */
export function UnfitTable({ unfit, services, onMove }: { unfit: Unfit[]; services: Services; onMove?(u: Unfit): void }) {
  const lang = useLang();
  return (
    <table class="sv-table ro-unfit-table">
      <thead>
        <tr>
          <th scope="col">{tv(lang, 'ro.colReference')}</th>
          <th scope="col">{tv(lang, 'ro.colService')}</th>
          <th scope="col">{tv(lang, 'ro.colSlot')}</th>
          {onMove && <th scope="col">{tv(lang, 'ro.colActions')}</th>}
        </tr>
      </thead>
      <tbody>
        {unfit.map((u) => (
          <tr key={u.reference} data-testid={`ro-unfit-${u.reference}`}>
            <td>
              <Reference reference={u.reference} />
            </td>
            <td>{serviceName(lang, services, u.serviceId)}</td>
            <td>
              <DayTime day={u.day} time={u.time} />
            </td>
            {onMove && (
              <td>
                <button type="button" class="btn btn-ghost btn-small" data-testid={`ro-move-${u.reference}`} onClick={() => onMove(u)}>
                  {tv(lang, 'ro.moveOne')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the moves did so far, newest last: each moved booking from → to, and the cancelled ones. */
function ReseatResult({ done, services }: { done: Pick<Reseated, 'moved' | 'cancelled'>; services: Services }) {
  const lang = useLang();
  return (
    <div class="ro-reseated" data-testid="ro-reseated" data-moved={done.moved.length} data-cancelled={done.cancelled.length}>
      <p class="ro-reseated-sum">{tv(lang, 'ro.reseatSummary', { moved: done.moved.length, cancelled: done.cancelled.length })}</p>
      {done.moved.length > 0 && <h4 class="ro-h4">{tv(lang, 'ro.movedTitle')}</h4>}
      {done.moved.length > 0 && (
        <table class="sv-table ro-moved-table">
          <thead>
            <tr>
              <th scope="col">{tv(lang, 'ro.colReference')}</th>
              <th scope="col">{tv(lang, 'ro.colService')}</th>
              <th scope="col">{tv(lang, 'ro.colMovedFrom')}</th>
              <th scope="col">{tv(lang, 'ro.colMovedTo')}</th>
            </tr>
          </thead>
          <tbody>
            {done.moved.map((m) => (
              <tr key={m.reference} data-testid={`ro-moved-${m.reference}`} data-to={`${m.to.day} ${m.to.time}`}>
                <td>
                  <Reference reference={m.reference} />
                </td>
                <td>{serviceName(lang, services, m.serviceId)}</td>
                <td class="ro-was">
                  <DayTime {...m.from} />
                </td>
                <td>
                  <strong>
                    <DayTime {...m.to} />
                  </strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {done.cancelled.length > 0 && <h4 class="ro-h4">{tv(lang, 'ro.cancelledTitle')}</h4>}
      {done.cancelled.length > 0 && (
        <table class="sv-table ro-cancelled-table">
          <thead>
            <tr>
              <th scope="col">{tv(lang, 'ro.colReference')}</th>
              <th scope="col">{tv(lang, 'ro.colService')}</th>
              <th scope="col">{tv(lang, 'ro.colSlot')}</th>
            </tr>
          </thead>
          <tbody>
            {done.cancelled.map((c) => (
              <tr key={c.reference} data-testid={`ro-cancelled-${c.reference}`}>
                <td>
                  <Reference reference={c.reference} />
                </td>
                <td>{serviceName(lang, services, c.serviceId)}</td>
                <td>
                  <DayTime day={c.day} time={c.time} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function MoveDialog({ which, services, run, onClose }: { which: Unfit[]; services: Services; run(): Promise<void>; onClose(): void }) {
  const lang = useLang();
  const count = which.length;
  const [one] = which;
  return (
    <FormDialog
      testId="ro-move-dialog"
      title={tv(lang, 'ro.moveTitle', { n: count })}
      icon={<RolloutIcon size="1.3em" />}
      submitLabel={tv(lang, 'ro.moveSubmit')}
      cancelLabel={tv(lang, 'ro.moveBack')}
      run={run}
      onClose={onClose}
    >
      {count === 1 && one && (
        <p class="ro-move-one" data-testid="ro-move-which">
          <Reference reference={one.reference} /> · {serviceName(lang, services, one.serviceId)} · <DayTime day={one.day} time={one.time} />
        </p>
      )}
      <p>{tv(lang, 'ro.moveBody', { n: count })}</p>
      <p class="dialog-note">
        <InfoIcon size="1.2em" />
        {tv(lang, 'ro.moveSms', { n: count })}
      </p>
    </FormDialog>
  );
}

/**
 * A confirmed plan's bookings without a seat, as the hub listed them, with the moves: the dialog asks
 * for exactly the bookings shown (a booking that has its seat again meanwhile is left alone by the hub).
 */
export function UnseatedBookings({ planId, unfit: listed, services }: { planId: number; unfit: Unfit[]; services: Services }) {
  const lang = useLang();
  const [unfit, setUnfit] = useState(listed);
  const [done, setDone] = useState<Pick<Reseated, 'moved' | 'cancelled'> | null>(null);
  const [asking, setAsking] = useState<Unfit[] | null>(null);
  const move = async (which: Unfit[]) => {
    const r = await call('rollout.reseat', { id: planId, references: which.map((u) => u.reference) });
    setDone((was) => ({ moved: [...(was?.moved ?? []), ...r.moved], cancelled: [...(was?.cancelled ?? []), ...r.cancelled] }));
    setUnfit(r.unfit);
    setAsking(null);
  };
  return (
    <div class="ro-unseated" data-testid="ro-unseated" data-count={unfit.length}>
      {done && <ReseatResult done={done} services={services} />}
      {unfit.length > 0 ? (
        <>
          <h4 class="ro-h4">
            <AlertIcon size="1.2em" />
            {tv(lang, 'ro.unseatedTitle', { n: unfit.length })}
          </h4>
          <p>{tv(lang, 'ro.unseatedHint')}</p>
          <UnfitTable unfit={unfit} services={services} onMove={(u) => setAsking([u])} />
          <p>
            <button type="button" class="btn btn-primary" data-testid="ro-move-all" onClick={() => setAsking(unfit)}>
              {tv(lang, 'ro.moveAll', { n: unfit.length })}
            </button>
          </p>
        </>
      ) : (
        !done && <p>{tv(lang, 'ro.unseatedNone')}</p>
      )}
      {asking && <MoveDialog which={asking} services={services} run={() => move(asking)} onClose={() => setAsking(null)} />}
    </div>
  );
}
