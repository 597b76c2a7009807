// Rollout plans (the supervisor's pilot → rollout switch)
import { desc, eq } from 'drizzle-orm';
import type { RolloutStatus } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { rolloutPlans } from '../schema.ts';

export type RolloutPlanRow = Omit<typeof rolloutPlans.$inferSelect, 'status'> & { status: RolloutStatus };
export type NewRolloutPlan = Pick<RolloutPlanRow, 'fromDay' | 'counters' | 'weekdays' | 'startTime' | 'endTime' | 'createdAt' | 'createdBy'>;

const asPlan = (r: typeof rolloutPlans.$inferSelect): RolloutPlanRow => ({ ...r, status: r.status as RolloutStatus });

/** Stores a new plan as a draft; returns its id. */
export function insertRolloutPlan(db: Db, plan: NewRolloutPlan): number {
  return db.orm
    .insert(rolloutPlans)
    .values({ ...plan, status: 'draft' })
    .returning({ id: rolloutPlans.id })
    .get().id;
}

export function getRolloutPlan(db: Db, id: number): RolloutPlanRow | null {
  const r = db.orm.select().from(rolloutPlans).where(eq(rolloutPlans.id, id)).get();
  return r ? asPlan(r) : null;
}

/** Every plan, or those with one status; newest first. */
export function listRolloutPlans(db: Db, status?: RolloutStatus): RolloutPlanRow[] {
  return db.orm
    .select()
    .from(rolloutPlans)
    .where(status === undefined ? undefined : eq(rolloutPlans.status, status))
    .orderBy(desc(rolloutPlans.id))
    .all()
    .map(asPlan);
}

/** Moves a plan on: its new status and the stamps and replaced schedule that go with it. */
export function updateRolloutPlan(
  db: Db,
  id: number,
  changes: Partial<Pick<RolloutPlanRow, 'status' | 'confirmedAt' | 'confirmedBy' | 'appliedAt' | 'cancelledAt' | 'cancelledBy' | 'replacedSchedule'>>,
): void {
  db.orm.update(rolloutPlans).set(changes).where(eq(rolloutPlans.id, id)).run();
}
