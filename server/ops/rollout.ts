// The rollout switch for supervisors (and admins): plans, their preview, confirming and cancelling.
// What a plan does is in ../rollout.ts; here are the refusals, the stored plan's life and its audit.
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { localDay } from '../../engine/index.ts';
import { audit } from '../audit.ts';
import { actorName } from '../auth.ts';
import { HttpError } from '../errors.ts';
import { scenarioFromHistory } from '../../simulator/from-history.ts';
import { dayBefore } from '../../simulator/run.ts';
import { movableUnfitFrom, type PlanFields, periodOf, planSchedule, previewPlan, reseatUnfit, unfitFrom } from '../rollout.ts';
import { runWhatIf } from '../whatif.ts';
import { notFound, op, type OpContext } from './op.ts';

const SUPERVISORS = { roles: ['supervisor' as const] }; // admins included (server/auth.ts)
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Refuses a plan that cannot take effect as it stands: its day has passed, a counter is unknown or out of use, its hours fall outside opening hours. */
function checkPlan(ctx: OpContext, plan: PlanFields): void {
  const today = localDay(ctx.clock.now(), ctx.hub.current.settings.timeZone);
  if (plan.fromDay < today) throw new HttpError(409, 'ROLLOUT_DAY_PAST', `${plan.fromDay} has passed; a rollout starts today (${today}) or later.`);
  for (const { counter } of plan.counters) {
    const c = ctx.hub.current.counters[counter] ?? notFound('UNKNOWN_COUNTER', `There is no counter ${counter}.`);
    if (!c.active) throw new HttpError(409, 'COUNTER_INACTIVE', `Counter ${counter} is out of use.`);
  }
  const hours = repo.listOpeningHours(ctx.db);
  for (const weekday of plan.weekdays) {
    const day = hours.find((h) => h.weekday === weekday);
    if (!day) throw new HttpError(409, 'ROLLOUT_OUTSIDE_HOURS', `The hall is closed on ${WEEKDAYS[weekday]}s.`);
    if (plan.startTime < day.opens || plan.endTime > day.closes) {
      throw new HttpError(
        409,
        'ROLLOUT_OUTSIDE_HOURS',
        `On ${WEEKDAYS[weekday]}s the hall is open ${day.opens}–${day.closes}; ${plan.startTime}–${plan.endTime} falls outside.`,
      );
    }
  }
}

const fieldsOf = ({ fromDay, counters, weekdays, startTime, endTime }: PlanFields): PlanFields => ({ fromDay, counters, weekdays, startTime, endTime });

/** One confirmed plan per day: a second would be built on the first's schedule, and cancelling the first would undo both. */
function checkDayFree(ctx: OpContext, fromDay: string): void {
  const taken = repo.listRolloutPlans(ctx.db, 'scheduled').find((p) => p.fromDay === fromDay);
  if (taken) throw new HttpError(409, 'ROLLOUT_DAY_TAKEN', `Rollout ${taken.id} already starts on ${fromDay}; cancel it first or choose another day.`);
}

/** Inside a transaction: writes the plan's schedule from its day (keeping the rows it replaces for a cancel) and marks it scheduled. */
function confirm(ctx: OpContext, id: number, plan: PlanFields): void {
  checkDayFree(ctx, plan.fromDay);
  const replaced = repo.scheduleFrom(ctx.db, plan.fromDay).map(periodOf);
  const schedule = planSchedule(ctx.db, plan);
  repo.setScheduleFrom(ctx.db, plan.fromDay, schedule);
  repo.updateRolloutPlan(ctx.db, id, { status: 'scheduled', confirmedAt: ctx.clock.now(), confirmedBy: ctx.actor, replacedSchedule: replaced });
  audit(ctx, 'rollout.confirm', `rollout:${id}`, { before: { schedule: replaced }, after: { ...fieldsOf(plan), schedule } });
}

/** A plan whose schedule was put in force (confirmed; applied or cancelled since): the bookings it left without a seat are the hall's to move. */
function confirmedPlan(ctx: OpContext, id: number): repo.RolloutPlanRow {
  const plan = repo.getRolloutPlan(ctx.db, id) ?? notFound('ROLLOUT_NOT_FOUND', `There is no rollout plan ${id}.`);
  if (plan.confirmedAt === null) throw new HttpError(409, 'ROLLOUT_NOT_CONFIRMED', `Rollout ${id} was never confirmed; it took no booking's seat.`);
  return plan;
}

/** A stored plan as the console shows it: each step with who (and the name a person reads) and when. */
function planReply(ctx: OpContext, id: number) {
  const p = repo.getRolloutPlan(ctx.db, id) ?? notFound('ROLLOUT_NOT_FOUND', `There is no rollout plan ${id}.`);
  const stamp = (at: number | null, actor: string | null) => (at === null || actor === null ? null : { at, actor, name: actorName(ctx.db, actor) });
  return {
    id: p.id,
    ...fieldsOf(p),
    status: p.status,
    created: { at: p.createdAt, actor: p.createdBy, name: actorName(ctx.db, p.createdBy) },
    confirmed: stamp(p.confirmedAt, p.confirmedBy),
    applied: stamp(p.appliedAt, 'system'),
    cancelled: stamp(p.cancelledAt, p.cancelledBy),
  };
}

export const rolloutOps = [
  op('rollout.list', {
    access: SUPERVISORS,
    run: (ctx) => ({ plans: repo.listRolloutPlans(ctx.db).map((p) => planReply(ctx, p.id)) }),
  }),
  op('rollout.preview', {
    access: SUPERVISORS,
    run(ctx, { days, ...plan }) {
      checkPlan(ctx, plan);
      checkDayFree(ctx, plan.fromDay);
      const services = Object.values(ctx.hub.current.services)
        .filter((s) => s.bookable && s.active)
        .sort((a, b) => a.sortOrder - b.sortOrder);
      return previewPlan(ctx.db, plan, days, { services, timeZone: ctx.hub.current.settings.timeZone });
    },
  }),
  op('rollout.whatif', {
    access: SUPERVISORS,
    run(ctx, { days, ...plan }) {
      checkPlan(ctx, plan);
      const endDay = dayBefore(localDay(ctx.clock.now(), ctx.hub.current.settings.timeZone), 1);
      const { counters, startTime, endTime } = plan;
      const { sqlite } = ctx.db;
      // The worker reads the history from the file itself; an in-memory database (tests) it cannot open, so it gets the scenario.
      return runWhatIf(() => ({
        history: sqlite.memory ? { derived: scenarioFromHistory(ctx.db, endDay) } : { file: sqlite.name },
        endDay,
        plan: { counters, startTime, endTime },
        days,
      }));
    },
  }),
  op('rollout.create', {
    access: SUPERVISORS,
    run(ctx, { draft, ...plan }) {
      checkPlan(ctx, plan);
      const id = transaction(ctx.db, () => {
        const id = repo.insertRolloutPlan(ctx.db, { ...plan, createdAt: ctx.clock.now(), createdBy: ctx.actor });
        if (draft) audit(ctx, 'rollout.draft', `rollout:${id}`, { after: plan });
        else confirm(ctx, id, plan);
        return id;
      });
      // A plan from today confirmed after opening time switches its counters now.
      if (!draft) ctx.hub.applyDueRollouts();
      return { plan: planReply(ctx, id) };
    },
  }),
  op('rollout.confirm', {
    access: SUPERVISORS,
    run(ctx, { id }) {
      const plan = repo.getRolloutPlan(ctx.db, id) ?? notFound('ROLLOUT_NOT_FOUND', `There is no rollout plan ${id}.`);
      if (plan.status !== 'draft') throw new HttpError(409, 'ROLLOUT_NOT_DRAFT', `Rollout ${id} is ${plan.status}, not a draft.`);
      checkPlan(ctx, plan);
      transaction(ctx.db, () => confirm(ctx, id, plan));
      ctx.hub.applyDueRollouts();
      return { plan: planReply(ctx, id) };
    },
  }),
  op('rollout.cancel', {
    access: SUPERVISORS,
    run(ctx, { id }) {
      const plan = repo.getRolloutPlan(ctx.db, id) ?? notFound('ROLLOUT_NOT_FOUND', `There is no rollout plan ${id}.`);
      if (plan.status !== 'draft' && plan.status !== 'scheduled') {
        throw new HttpError(409, 'ROLLOUT_NOT_CANCELLABLE', `Rollout ${id} is ${plan.status}; change the counters and the schedule directly.`);
      }
      const scheduled = plan.status === 'scheduled';
      const unfit = transaction(ctx.db, () => {
        const schedule = repo.scheduleFrom(ctx.db, plan.fromDay).map(periodOf);
        // A confirmed plan's rows go and the rows dated its day before it come back (none: the earlier schedule applies again).
        if (scheduled) repo.setScheduleFrom(ctx.db, plan.fromDay, plan.replacedSchedule ?? []);
        repo.updateRolloutPlan(ctx.db, id, { status: 'cancelled', cancelledAt: ctx.clock.now(), cancelledBy: ctx.actor });
        audit(ctx, 'rollout.cancel', `rollout:${id}`, {
          before: { status: plan.status, ...(scheduled ? { schedule } : {}) },
          after: { status: 'cancelled', ...(scheduled ? { schedule: plan.replacedSchedule } : {}) },
        });
        return scheduled ? unfitFrom(ctx.db, plan.fromDay, ctx.hub.current.settings.timeZone) : [];
      });
      return { plan: planReply(ctx, id), unfit };
    },
  }),
  op('rollout.unfit', {
    access: SUPERVISORS,
    run: (ctx, { id }) => ({ unfit: movableUnfitFrom(ctx.hub, confirmedPlan(ctx, id).fromDay) }),
  }),
  op('rollout.reseat', {
    access: SUPERVISORS,
    run(ctx, { id, references }) {
      const plan = confirmedPlan(ctx, id);
      const done = reseatUnfit(ctx.hub, plan, ctx.actor, references);
      return { ...done, unfit: movableUnfitFrom(ctx.hub, plan.fromDay) };
    },
  }),
];
