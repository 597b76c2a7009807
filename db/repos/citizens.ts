// Repositories of citizen inquiries: the citizen record (names, contact, IBAN, family, housing
// applications with their status history, letters), its audit trail and the call log.
// Same conventions as the other repositories (index.ts): synchronous, the database first, callers group writes with
// `transaction()`; the per-request reads are prepared once per database.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { applicationStatusHistory, callLog, citizenAudit, citizens, familyMembers, housingApplications, letters } from '../schema.ts';

export type CitizenRow = typeof citizens.$inferSelect;
export type FamilyMemberRow = typeof familyMembers.$inferSelect;
export type ApplicationRow = typeof housingApplications.$inferSelect;
export type LetterRow = typeof letters.$inferSelect;
export type AuditRow = typeof citizenAudit.$inferSelect;
export type CallRow = typeof callLog.$inferSelect;

const $ = sql.placeholder;

function prepareStatements(db: Db) {
  const { orm } = db;
  return {
    citizen: orm
      .select()
      .from(citizens)
      .where(eq(citizens.cpr, $('cpr')))
      .prepare(),
    family: orm
      .select()
      .from(familyMembers)
      .where(eq(familyMembers.cpr, $('cpr')))
      .orderBy(asc(familyMembers.id))
      .prepare(),
    applications: orm
      .select()
      .from(housingApplications)
      .where(eq(housingApplications.cpr, $('cpr')))
      .orderBy(desc(housingApplications.submittedDay), desc(housingApplications.id))
      .prepare(),
    letters: orm
      .select()
      .from(letters)
      .where(eq(letters.cpr, $('cpr')))
      .orderBy(desc(letters.receivedDay), desc(letters.id))
      .prepare(),
    audit: orm
      .select()
      .from(citizenAudit)
      .where(eq(citizenAudit.cpr, $('cpr')))
      .orderBy(desc(citizenAudit.at), desc(citizenAudit.id))
      .prepare(),
    applicationByNumber: orm
      .select()
      .from(housingApplications)
      .where(eq(housingApplications.number, $('number')))
      .prepare(),
    letterByReference: orm
      .select()
      .from(letters)
      .where(eq(letters.reference, $('reference')))
      .prepare(),
  };
}

/** By connection, like statements.ts. */
const statements = new WeakMap<Db['sqlite'], ReturnType<typeof prepareStatements>>();
function prepared(db: Db) {
  let s = statements.get(db.sqlite);
  if (!s) statements.set(db.sqlite, (s = prepareStatements(db)));
  return s;
}

// --- citizens

export function getCitizen(db: Db, cpr: string): CitizenRow | null {
  return prepared(db).citizen.get({ cpr }) ?? null;
}

export function insertCitizen(db: Db, c: typeof citizens.$inferInsert): void {
  db.orm.insert(citizens).values(c).run();
}

export function updateCitizen(db: Db, cpr: string, patch: Partial<Omit<CitizenRow, 'cpr'>>): void {
  db.orm.update(citizens).set(patch).where(eq(citizens.cpr, cpr)).run();
}

/** The whole record an agent sees: applications with their status history (oldest first), audit newest first. */
export function citizenRecord(db: Db, cpr: string) {
  const s = prepared(db);
  const c = s.citizen.get({ cpr });
  if (!c) return null;
  const apps = s.applications.all({ cpr });
  const history =
    apps.length === 0
      ? []
      : db.orm
          .select()
          .from(applicationStatusHistory)
          .where(
            inArray(
              applicationStatusHistory.applicationId,
              apps.map((a) => a.id),
            ),
          )
          .orderBy(asc(applicationStatusHistory.at), asc(applicationStatusHistory.id))
          .all();
  return {
    ...c,
    family: s.family.all({ cpr }).map(({ cpr: _c, ...f }) => f),
    applications: apps.map(({ cpr: _c, ...a }) => ({
      ...a,
      history: history.filter((h) => h.applicationId === a.id).map((h) => ({ status: h.status, at: h.at })),
    })),
    letters: s.letters.all({ cpr }).map(({ cpr: _c, ...l }) => l),
    history: s.audit.all({ cpr }).map(({ cpr: _c, ...h }) => h),
  };
}
export type CitizenRecord = NonNullable<ReturnType<typeof citizenRecord>>;

// --- family and audit

export function listFamily(db: Db, cpr: string): FamilyMemberRow[] {
  return prepared(db).family.all({ cpr });
}

export function insertFamilyMember(db: Db, m: Omit<FamilyMemberRow, 'id'>): number {
  return db.orm.insert(familyMembers).values(m).returning({ id: familyMembers.id }).get().id;
}

/** Appends audit rows (the table is append-only: there is no update or delete). */
export function appendAudit(db: Db, rows: Omit<AuditRow, 'id'>[]): void {
  if (rows.length > 0) db.orm.insert(citizenAudit).values(rows).run();
}

// --- applications and letters

export function getApplicationByNumber(db: Db, number: string): ApplicationRow | null {
  return prepared(db).applicationByNumber.get({ number }) ?? null;
}

export function insertApplication(db: Db, a: Omit<ApplicationRow, 'id'>): number {
  return db.orm.insert(housingApplications).values(a).returning({ id: housingApplications.id }).get().id;
}

export function updateApplication(db: Db, id: number, patch: Partial<Omit<ApplicationRow, 'id' | 'number'>>): void {
  db.orm.update(housingApplications).set(patch).where(eq(housingApplications.id, id)).run();
}

export function appendApplicationStatus(db: Db, applicationId: number, status: string, at: number): void {
  db.orm.insert(applicationStatusHistory).values({ applicationId, status, at }).run();
}

export function getLetterByReference(db: Db, reference: string): LetterRow | null {
  return prepared(db).letterByReference.get({ reference }) ?? null;
}

export function insertLetter(db: Db, l: Omit<LetterRow, 'id'>): number {
  return db.orm.insert(letters).values(l).returning({ id: letters.id }).get().id;
}

export function updateLetter(db: Db, id: number, patch: Partial<Omit<LetterRow, 'id' | 'reference'>>): void {
  db.orm.update(letters).set(patch).where(eq(letters.id, id)).run();
}

// --- call log

export function insertCall(db: Db, c: Omit<CallRow, 'id'>): CallRow {
  return db.orm.insert(callLog).values(c).returning().get();
}

/** Calls newest first, filtered by citizen and/or local day; at most `limit`. */
export function listCalls(db: Db, f: { cpr?: string; day?: string }, limit = 500): CallRow[] {
  const where: SQL[] = [];
  if (f.cpr) where.push(eq(callLog.cpr, f.cpr));
  if (f.day) where.push(eq(callLog.day, f.day));
  return db.orm
    .select()
    .from(callLog)
    .where(and(...where))
    .orderBy(desc(callLog.at), desc(callLog.id))
    .limit(limit)
    .all();
}
