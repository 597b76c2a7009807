// Citizen inquiries (what the hotline answers besides booking): the record by CPR, updates of
// phone / address / IBAN and family members — each an audited change with who, when, old → new —
// the call log, and the import of applications and letters from the ministry's system.
import * as cit from '../../db/repos/citizens.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { AuditField } from '../../protocol/citizens.ts';
import { localDay } from '../../engine/time.ts';
import { HttpError } from '../errors.ts';
import { describeContact, importRows, rowsOfFile } from '../import.ts';
import { notFound, op, type OpContext } from './op.ts';

const AGENTS = ['callcenter', 'supervisor'] as const;

/** Who the audit trail names: the staff member's display name. */
const staffName = (ctx: OpContext): string => (ctx.principal.kind === 'staff' ? ctx.principal.displayName : ctx.actor);

function existingCitizen(db: Db, cpr: string): cit.CitizenRow {
  const c = cit.getCitizen(db, cpr);
  if (!c) notFound('CITIZEN_NOT_FOUND', `There is no citizen with CPR ${cpr} (citizens come from the ministry's import).`);
  return c;
}

function record(db: Db, cpr: string) {
  return { citizen: cit.citizenRecord(db, cpr)! };
}

type Change = { field: AuditField; oldValue: string | null; newValue: string | null };

/** Applies `changes` to the citizen and appends one audit row each, in one transaction. */
function audited(ctx: OpContext, cpr: string, changes: (c: cit.CitizenRow) => Change[]) {
  const at = ctx.clock.now();
  const actor = staffName(ctx);
  const changed = transaction(ctx.db, () => {
    const list = changes(existingCitizen(ctx.db, cpr)).filter((c) => c.oldValue !== c.newValue);
    if (list.length === 0) return 0;
    cit.updateCitizen(ctx.db, cpr, { ...Object.fromEntries(list.map((c) => [c.field, c.newValue])), updatedAt: at });
    cit.appendAudit(
      ctx.db,
      list.map((c) => ({ cpr, ...c, actor, at })),
    );
    return list.length;
  });
  return { ...record(ctx.db, cpr), changed };
}

/**
 * What a first-time caller's booking writes with it (in its transaction): a contact record from the names and phone the agent
 * took, marked provisional until the ministry's import merges with it, and its audit row. Nothing for a CPR the hall knows.
 */
export function recordNewCaller(ctx: OpContext, b: { cpr: string; nameAr: string; nameEn: string; phone: string }): () => void {
  return () => {
    if (cit.getCitizen(ctx.db, b.cpr)) return;
    const at = ctx.clock.now();
    const contact = { nameAr: b.nameAr, nameEn: b.nameEn, phone: b.phone };
    cit.insertCitizen(ctx.db, { cpr: b.cpr, ...contact, address: null, iban: null, registry: 'provisional', updatedAt: at });
    cit.appendAudit(ctx.db, [{ cpr: b.cpr, field: 'created', oldValue: null, newValue: describeContact(contact), actor: staffName(ctx), at }]);
  };
}

const describeMember = (m: { name: string; relation: string; dateOfBirth: string; memberCpr: string | null }) =>
  `${m.name} (${m.relation}, ${m.dateOfBirth}${m.memberCpr ? `, CPR ${m.memberCpr}` : ''})`;

export const citizenOps = [
  op('citizens.get', {
    access: { roles: [...AGENTS, 'counter'] },
    run(ctx, { cpr }) {
      existingCitizen(ctx.db, cpr);
      return record(ctx.db, cpr);
    },
  }),
  op('citizens.contact', {
    access: { roles: [...AGENTS] },
    run: (ctx, b) =>
      audited(ctx, b.cpr, (c) => [
        ...(b.phone !== undefined ? [{ field: 'phone' as const, oldValue: c.phone, newValue: b.phone }] : []),
        ...(b.address !== undefined ? [{ field: 'address' as const, oldValue: c.address, newValue: b.address }] : []),
      ]),
  }),
  op('citizens.iban', {
    access: { roles: [...AGENTS] },
    run: (ctx, b) => audited(ctx, b.cpr, (c) => [{ field: 'iban', oldValue: c.iban, newValue: b.iban }]),
  }),
  op('citizens.family.add', {
    access: { roles: [...AGENTS] },
    run(ctx, b) {
      if (b.dateOfBirth > ctx.hub.current.day) throw new HttpError(400, 'BIRTH_DATE_IN_FUTURE', 'The date of birth is after today.');
      if (b.memberCpr === b.cpr) throw new HttpError(400, 'FAMILY_MEMBER_IS_CITIZEN', "A family member's CPR cannot be the citizen's own.");
      const at = ctx.clock.now();
      const actor = staffName(ctx);
      const member = { name: b.name, relation: b.relation, dateOfBirth: b.dateOfBirth, memberCpr: b.memberCpr };
      transaction(ctx.db, () => {
        existingCitizen(ctx.db, b.cpr);
        if (b.memberCpr && cit.listFamily(ctx.db, b.cpr).some((m) => m.memberCpr === b.memberCpr)) {
          throw new HttpError(409, 'FAMILY_MEMBER_EXISTS', `CPR ${b.memberCpr} is already in this family.`);
        }
        cit.insertFamilyMember(ctx.db, { cpr: b.cpr, ...member, createdAt: at });
        cit.updateCitizen(ctx.db, b.cpr, { updatedAt: at });
        cit.appendAudit(ctx.db, [{ cpr: b.cpr, field: 'family', oldValue: null, newValue: describeMember(member), actor, at }]);
      });
      return record(ctx.db, b.cpr);
    },
  }),
  op('calls.create', {
    access: { roles: [...AGENTS] },
    run(ctx, b) {
      const at = ctx.clock.now();
      const call = cit.insertCall(ctx.db, { ...b, actor: staffName(ctx), at, day: localDay(at, ctx.hub.current.settings.timeZone) });
      return { call };
    },
  }),
  op('calls.list', {
    access: { roles: [...AGENTS] },
    run(ctx, q) {
      const filter = q.cpr || q.day ? q : { day: ctx.hub.current.day };
      return { calls: cit.listCalls(ctx.db, filter) };
    },
  }),
  op('import.applications', {
    access: { roles: ['supervisor'] },
    run(ctx, b) {
      const rows = 'rows' in b ? b.rows.map((value, i) => ({ row: i + 1, value })) : rowsOfFile(b.format, b.data);
      return importRows(ctx.db, rows, ctx.clock.now(), staffName(ctx));
    },
  }),
];
