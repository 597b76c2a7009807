// Writing the audit log from an operation: who (the caller's actor id), when (the hub's clock) and
// what changed. Callers write it in the same transaction as the change, so neither is kept alone.
import * as repo from '../db/repos/index.ts';
import type { OpContext } from './ops/op.ts';

export type Change = { before?: unknown; after?: unknown };

/** The fields of `after` whose values differ from `before`, old and new; null when none does. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const was: Partial<T> = {};
  const is: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    was[key] = before[key];
    is[key] = after[key];
  }
  return Object.keys(is).length > 0 ? { before: was, after: is } : null;
}

/** Appends one entry: `kind` as `area.action` (e.g. `service.update`), `target` as `area:id` (e.g. `service:new-application`). */
export function audit(ctx: Pick<OpContext, 'db' | 'clock' | 'actor'>, kind: string, target: string, change: Change = {}): void {
  repo.writeAudit(ctx.db, { at: ctx.clock.now(), actor: ctx.actor, kind, target, ...change });
}
