// The live side panel: the counter's own day, waiting per queue it serves, and the tickets it may
// call — in the engine's order, each with a button to call that one.
import type { Counter } from '../protocol/domain.ts';
import { formatNumber, formatTime } from '../ui-kit/i18n.ts';
import { useLang } from '../ui-kit/components.tsx';
import { T } from './components.tsx';
import { useShell } from './header.tsx';
import { holdText } from './counter-text.ts';
import { tc } from './i18n.ts';
import { CalendarCheckIcon, InfoIcon, PriorityIcon } from '../ui-kit/icons.tsx';
import { MegaphoneIcon, TransferIcon } from './icons.tsx';
import { clockDuration, type Hall, type QueueCount, type WaitingItem, type WaitingList } from './model.ts';

export function SidePanel({
  hall,
  waiting,
  queues,
  stats,
  now,
  canCall,
  calling,
  onCall,
}: {
  hall: Hall;
  counter: Counter;
  waiting: WaitingList | null;
  queues: QueueCount[];
  /** This person's day at every counter (the hub's count); null until it arrives. */
  stats: { served: number; avgServiceMs: number | null } | null;
  now: number;
  canCall: boolean;
  calling: boolean;
  onCall(ticketId: string): void;
}) {
  const lang = useLang();
  const { timeZone } = useShell();
  const avgMs = stats?.avgServiceMs ?? null;
  const avgSeconds = avgMs === null ? '' : String(Math.round(avgMs / 1000));
  return (
    <aside class="side">
      <section class="side-section side-stats" aria-labelledby="side-stats-title">
        <h2 class="side-title" id="side-stats-title">
          <T k="side.stats" />
        </h2>
        <div class="stats">
          <div class="stat" data-testid="stat-served" data-value={stats?.served ?? ''}>
            <span class="stat-value ltr-num">{stats ? formatNumber(stats.served, lang) : tc(lang, 'common.none')}</span>
            <span class="stat-label">
              <T k="side.served" />
            </span>
          </div>
          <div class="stat" data-testid="stat-avg" data-value={avgSeconds}>
            <span class="stat-value ltr-num">{avgMs === null ? tc(lang, 'common.none') : clockDuration(avgMs)}</span>
            <span class="stat-label">
              <T k="side.avg" />
            </span>
          </div>
        </div>
      </section>

      <section class="side-section side-queues" aria-labelledby="side-queues-title">
        <h2 class="side-title" id="side-queues-title">
          <T k="side.queues" />
        </h2>
        <ul class="queues">
          {queues.map((q) => {
            const name = q.appointments ? tc(lang, 'side.appointments') : lang === 'ar' ? q.nameAr : q.nameEn;
            return (
              <li
                key={q.prefix}
                class={`queue${q.count > 0 ? ' has-waiting' : ''}${q.appointments ? ' queue-appointments' : ''}`}
                data-testid={`queue-${q.prefix}`}
                data-value={q.count}
                title={name}
              >
                <span class="queue-prefix ltr-num">{q.prefix}</span>
                <span class="queue-name" lang={lang}>
                  {name}
                </span>
                <span class="queue-count ltr-num">{formatNumber(q.count, lang)}</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section class="side-section side-waiting" aria-labelledby="side-waiting-title">
        <h2 class="side-title" id="side-waiting-title">
          <T k="side.next" />
          <span class="side-count ltr-num" data-testid="next-count" data-value={waiting?.total ?? 0}>
            {formatNumber(waiting?.total ?? 0, lang)}
          </span>
        </h2>
        {waiting?.hold && (
          <p class="side-hint" data-testid="holding-hint" data-walkins-from={waiting.hold.walkinsFrom}>
            <InfoIcon size="1.1em" />
            <span lang={lang}>
              {holdText(waiting.hold, now, lang, timeZone)} {tc(lang, 'side.guard')}
            </span>
          </p>
        )}
        {waiting && waiting.total === 0 && (
          <p class="side-empty" data-testid="waiting-empty">
            <T k="side.none" />
          </p>
        )}
        <ol class="waiting-list" data-testid="waiting-list" data-count={waiting?.total ?? 0}>
          {waiting?.items.map((item) => (
            <WaitingRow
              key={item.ticket.id}
              item={item}
              hall={hall}
              now={now}
              isNext={item.ticket.id === waiting.nextId}
              canCall={canCall}
              calling={calling}
              onCall={onCall}
            />
          ))}
        </ol>
        {waiting && waiting.total > waiting.items.length && (
          <p class="side-more">
            <T k="side.more" params={{ n: waiting.total - waiting.items.length }} />
          </p>
        )}
      </section>
    </aside>
  );
}

function WaitingRow({
  item,
  hall,
  now,
  isNext,
  canCall,
  calling,
  onCall,
}: {
  item: WaitingItem;
  hall: Hall;
  now: number;
  isNext: boolean;
  canCall: boolean;
  calling: boolean;
  onCall(id: string): void;
}) {
  const lang = useLang();
  const { timeZone } = useShell();
  const t = item.ticket;
  const s = hall.services[t.serviceId];
  const service = s ? (lang === 'ar' ? s.nameAr : s.nameEn) : t.serviceId;
  const waitedMin = Math.max(0, Math.floor((now - t.issuedAt) / 60_000));
  return (
    <li class={`w-item group-${item.group}${isNext ? ' is-next' : ''}`} data-testid={`waiting-${t.id}`} data-label={t.label} data-group={item.group}>
      <span class="w-label ltr-num">{t.label}</span>
      <span class="w-body">
        <span class="w-service" lang={lang} title={service}>
          {service}
        </span>
        <span class="w-meta" lang={lang}>
          {isNext && <span class="w-badge badge-next">{tc(lang, 'side.nextBadge')}</span>}
          {item.group === 'forYou' && (
            <span class="w-badge badge-for-you">
              <TransferIcon size="0.95em" />
              {tc(lang, 'side.forYou')}
            </span>
          )}
          {t.kind === 'appointment' && t.slotStart !== null && (
            <span class="w-tag">
              <CalendarCheckIcon size="0.95em" />
              {tc(lang, 'side.slot', { time: formatTime(t.slotStart, lang, timeZone) })}
              {item.group === 'early' ? ` · ${tc(lang, 'side.early')}` : ''}
            </span>
          )}
          {t.priority !== 'none' && (
            <span class="w-tag w-priority" title={tc(lang, `priority.${t.priority}`)}>
              <PriorityIcon name={t.priority} size="0.95em" />
            </span>
          )}
          <span class="w-waited">{tc(lang, 'side.min', { n: waitedMin })}</span>
        </span>
      </span>
      <button
        type="button"
        class="btn btn-small w-call"
        data-testid={`call-${t.id}`}
        disabled={!canCall}
        onClick={() => onCall(t.id)}
        aria-label={`${tc(lang, 'act.call')} ${t.label}`}
      >
        {calling ? null : <MegaphoneIcon size="1.05em" />}
        <span lang={lang}>{tc(lang, 'act.call')}</span>
      </button>
    </li>
  );
}
