// Users and sessions
import { eq, lte } from 'drizzle-orm';
import type { Role } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { sessions, users } from '../schema.ts';
import { prepared } from './statements.ts';

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  createdAt: number;
};
const toUser = (r: typeof users.$inferSelect): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role as Role,
  passwordHash: r.passwordHash,
  active: r.active,
  createdAt: r.createdAt,
});

export function findUserByUsername(db: Db, username: string): UserRow | null {
  const r = db.orm.select().from(users).where(eq(users.username, username)).get();
  return r ? toUser(r) : null;
}

export function getUser(db: Db, id: number): UserRow | null {
  const r = db.orm.select().from(users).where(eq(users.id, id)).get();
  return r ? toUser(r) : null;
}

/** Creates an active user; returns its id. */
export function createUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; passwordHash: string; active?: boolean; createdAt?: number },
): number {
  return db.orm
    .insert(users)
    .values({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash: u.passwordHash,
      active: u.active ?? true,
      createdAt: u.createdAt ?? Date.now(),
    })
    .returning({ id: users.id })
    .get().id;
}

export function createSession(db: Db, tokenHash: string, userId: number, now: number, expiresAt: number): void {
  db.orm.insert(sessions).values({ tokenHash, userId, createdAt: now, expiresAt }).run();
}

/** The user of a live session: null when unknown, expired (expiresAt ≤ now) or the user is inactive. */
export function getSessionUser(db: Db, tokenHash: string, now: number): UserRow | null {
  const r = prepared(db).sessionUser.get({ tokenHash, now });
  return r ? toUser(r.user) : null;
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Deletes sessions with expiresAt ≤ now; returns how many. */
export function deleteExpiredSessions(db: Db, now: number): number {
  return db.orm.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
