// Writing the audit log from an operation: who (the caller's actor id), when (the hub's clock) and
// what changed. Callers write it in the same transaction as the change, so neither is kept alone.
import * as repo from '../db/repos/index.ts';
import type { Command, Decision } from '../engine/index.ts';
import type { HallEvent } from '../protocol/events.ts';
import type { Executed, ExecuteOptions } from './hub.ts';
import { mustSucceed, type OpContext } from './ops/op.ts';

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

/** The audit entry of an engine command, some of it known only from the events it made. */
export interface AuditOf {
  kind: string;
  /** What it happened to; from the events when only the command knows (a new ticker message's id). */
  target: string | ((events: HallEvent[]) => string);
  before?: unknown;
  after?: (events: HallEvent[]) => unknown;
}

/**
 * Runs an engine command; when it changes something, its audit entry (who, what, before → after)
 * is stored in the same transaction as its events, so neither exists without the other.
 */
export function executeAudited(ctx: OpContext, cmd: Command, entry: AuditOf): Extract<Decision, { ok: true }> {
  return mustSucceed(runAudited(ctx, cmd, entry));
}

/** executeAudited's decision as it is (a refusal too), with more checks and side records of `options` in the same transaction. */
export function runAudited(ctx: OpContext, cmd: Command, entry: AuditOf, { guard, within }: ExecuteOptions = {}): Executed {
  return ctx.hub.execute(cmd, ctx.actor, {
    guard,
    within: (d) => {
      audit(ctx, entry.kind, typeof entry.target === 'string' ? entry.target : entry.target(d.events), {
        before: entry.before,
        after: entry.after?.(d.events),
      });
      within?.(d);
    },
  });
}
