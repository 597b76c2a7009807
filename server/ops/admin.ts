// Administering the hall: settings, services, counters, opening hours and the audit log. What the
// screens show (settings, services, counters) changes through engine commands, so every screen
// follows at once; every change is audited in the transaction that makes it.
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { CounterSetup, Service, Settings } from '../../protocol/domain.ts';
import { localInstant, nextDay } from '../../engine/index.ts';
import { changedFields, audit } from '../audit.ts';
import { actorName } from '../auth.ts';
import { HttpError } from '../errors.ts';
import { mustSucceed, notFound, op, type OpContext } from './op.ts';

const ADMIN = { roles: ['admin' as const] };

/** Applies `next` through the engine (live on every screen) and audits the fields that changed; nothing at all when none did. */
function changeSettings(ctx: OpContext, next: Settings) {
  const change = changedFields(ctx.hub.current.settings, next);
  if (!change) return;
  const unknown = Object.keys(next.serviceLevel.perService).find((id) => !ctx.hub.current.services[id]);
  if (unknown) throw new HttpError(400, 'VALIDATION_FAILED', `serviceLevel.perService: there is no service ${unknown}.`);
  mustSucceed(ctx.hub.execute({ type: 'change_settings', settings: next }, ctx.actor, { within: () => audit(ctx, 'settings.update', 'settings', change) }));
}

/** Saves a service through the engine with its audit entry: the whole service when created, the changed fields when edited. */
function saveService(ctx: OpContext, service: Service, before: Service | null) {
  const change = before ? changedFields(before, service) : { after: service };
  if (!change) return;
  const kind = before ? 'service.update' : 'service.create';
  mustSucceed(
    ctx.hub.execute({ type: 'save_service', service, create: !before }, ctx.actor, { within: () => audit(ctx, kind, `service:${service.id}`, change) }),
  );
}

function saveCounter(ctx: OpContext, counter: CounterSetup, before: CounterSetup | null) {
  const change = before ? changedFields(before, counter) : { after: counter };
  if (!change) return;
  const kind = before ? 'counter.update' : 'counter.create';
  mustSucceed(
    ctx.hub.execute({ type: 'save_counter', counter, create: !before }, ctx.actor, { within: () => audit(ctx, kind, `counter:${counter.number}`, change) }),
  );
}

/** A service id made from its English name ("Car Permits" → `car-permits`), numbered on when taken. */
function freeServiceId(nameEn: string, taken: Record<string, unknown>): string {
  const slug =
    nameEn
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36)
      .replace(/-+$/, '') || 'service';
  let id = slug;
  for (let n = 2; taken[id]; n++) id = `${slug}-${n}`;
  return id;
}

const openingDays = (ctx: OpContext) => repo.listOpeningHours(ctx.db).map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));

export const adminOps = [
  op('settings.get', {
    access: { roles: ['supervisor'] },
    run: (ctx) => ({ settings: ctx.hub.current.settings }),
  }),
  op('settings.put', {
    access: { roles: ['admin'] }, // settings are the admin's, whole (here) or field by field (settings.patch)
    run(ctx, settings) {
      changeSettings(ctx, settings);
      return { settings: ctx.hub.current.settings };
    },
  }),
  op('settings.patch', {
    access: ADMIN,
    run(ctx, changes) {
      changeSettings(ctx, Settings.parse({ ...ctx.hub.current.settings, ...changes }));
      return { settings: ctx.hub.current.settings };
    },
  }),
  op('services.create', {
    access: ADMIN,
    run(ctx, { id, sortOrder, ...fields }) {
      const services = ctx.hub.current.services;
      const service: Service = {
        ...fields,
        id: id ?? freeServiceId(fields.nameEn, services),
        sortOrder: sortOrder ?? Math.max(0, ...Object.values(services).map((s) => s.sortOrder)) + 1,
      };
      saveService(ctx, service, null);
      return { service: ctx.hub.current.services[service.id]! };
    },
  }),
  op('services.update', {
    access: ADMIN,
    run(ctx, { id, ...changes }) {
      const current = ctx.hub.current.services[id] ?? notFound('UNKNOWN_SERVICE', `There is no service ${id}.`);
      saveService(ctx, Service.parse({ ...current, ...changes }), current);
      return { service: ctx.hub.current.services[id]! };
    },
  }),
  op('counters.create', {
    access: ADMIN,
    run(ctx, counter) {
      saveCounter(ctx, counter, null);
      return { counter: ctx.hub.current.counters[counter.number]! };
    },
  }),
  op('counters.update', {
    access: ADMIN,
    run(ctx, { counter: number, ...changes }) {
      const live = ctx.hub.current.counters[number] ?? notFound('UNKNOWN_COUNTER', `There is no counter ${number}.`);
      const current = CounterSetup.parse(live);
      saveCounter(ctx, CounterSetup.parse({ ...current, ...changes }), current);
      return { counter: ctx.hub.current.counters[number]! };
    },
  }),
  op('hours.get', {
    // Kiosks too: their tiles say when the counters open.
    access: { roles: ['supervisor'], devices: ['kiosk'] },
    run: (ctx) => ({ days: openingDays(ctx) }),
  }),
  op('hours.put', {
    access: ADMIN,
    run(ctx, { days }) {
      const before = openingDays(ctx);
      const after = [...days].sort((a, b) => a.weekday - b.weekday);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        transaction(ctx.db, () => {
          repo.replaceOpeningHours(ctx.db, after);
          audit(ctx, 'hours.update', 'opening_hours', { before, after });
        });
      }
      return { days: openingDays(ctx) };
    },
  }),
  op('audit.list', {
    access: { roles: ['supervisor'] },
    run(ctx, q) {
      const tz = ctx.hub.current.settings.timeZone;
      const rows = repo.listAudit(ctx.db, {
        from: q.from === undefined ? undefined : localInstant(q.from, '00:00', tz),
        to: q.to === undefined ? undefined : localInstant(nextDay(q.to), '00:00', tz),
        actor: q.actor,
        userId: q.userId,
        // `user.` and `user` both mean the area.
        kind: q.kind?.replace(/\.$/, ''),
        before: q.before,
        limit: q.limit,
      });
      const names = new Map<string, string | null>();
      const nameOf = (actor: string) => (names.has(actor) ? names.get(actor)! : names.set(actor, actorName(ctx.db, actor)).get(actor)!);
      return {
        entries: rows.map((r) => ({ ...r, actorName: nameOf(r.actor) })),
        nextBefore: rows.length === q.limit ? rows.at(-1)!.id : null,
      };
    },
  }),
];
