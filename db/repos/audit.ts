// The audit log: who changed what and when. Append-only: there is deliberately no update or delete.
import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog } from '../schema.ts';

export type AuditLogRow = {
  id: number;
  at: number;
  actor: string;
  kind: string;
  target: string;
  before: unknown;
  after: unknown;
};

export type NewAudit = { at: number; actor: string; kind: string; target: string; before?: unknown; after?: unknown };

// Secrets (passwords, PINs, their hashes, tokens) must never reach the log, which every admin reads:
// a text under such a key, or any argon2 hash. Flags such as `mustChangePassword: true` are fine.
const SECRET_KEY = /password|hash|token|pin$/i;

function secretIn(value: unknown, key = ''): string | null {
  if (typeof value === 'string') {
    if (value.startsWith('$argon2')) return `${key || 'a value'} (an argon2 hash)`;
    return key && SECRET_KEY.test(key) ? key : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Array.isArray(value) ? value.map((v) => [key, v] as const) : Object.entries(value)) {
    const found = secretIn(v, k);
    if (found) return found;
  }
  return null;
}

/** Appends one entry; returns its id. Throws (a programming error) when a snapshot carries a secret. */
export function writeAudit(db: Db, e: NewAudit): number {
  const secret = secretIn(e.before) ?? secretIn(e.after);
  if (secret) throw new Error(`writeAudit(${e.kind}): "${secret}" looks like a secret and is never audited`);
  return db.orm
    .insert(auditLog)
    .values({ at: e.at, actor: e.actor, kind: e.kind, target: e.target, before: e.before ?? null, after: e.after ?? null })
    .returning({ id: auditLog.id })
    .get().id;
}

export interface AuditQuery {
  /** From this instant on (inclusive, epoch ms)… */
  from?: number;
  /** …until this one (exclusive). */
  to?: number;
  /** One actor id exactly (`user:3:admin`). */
  actor?: string;
  /** Every actor id of one staff member (`user:3:…`). */
  userId?: number;
  /** A kind (`user.create`) or an area (`user`: every `user.…` kind). */
  kind?: string;
  /** Paging: only entries older than this id (the last id of the previous page). */
  before?: number;
  /** At most this many (default 100, at most 1000). */
  limit?: number;
}

/** Entries matching every given filter, newest first. */
export function listAudit(db: Db, q: AuditQuery = {}): AuditLogRow[] {
  const where: (SQL | undefined)[] = [
    q.from === undefined ? undefined : gte(auditLog.at, q.from),
    q.to === undefined ? undefined : lt(auditLog.at, q.to),
    q.actor === undefined ? undefined : eq(auditLog.actor, q.actor),
    q.userId === undefined ? undefined : sql`substr(${auditLog.actor}, 1, ${`user:${q.userId}:`.length}) = ${`user:${q.userId}:`}`,
    q.kind === undefined ? undefined : or(eq(auditLog.kind, q.kind), sql`substr(${auditLog.kind}, 1, ${q.kind.length + 1}) = ${`${q.kind}.`}`),
    q.before === undefined ? undefined : lt(auditLog.id, q.before),
  ];
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  return db.orm
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
