import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { BUSY_TIMEOUT_MS, type Db, MIGRATIONS_FOLDER, openDatabase, transaction } from '../../db/client.ts';
import { ticket as fixtureTicket } from '../engine/fixtures.ts';
import {
  isValidReference,
  makeReference,
  randomReference,
  REFERENCE_ALPHABET,
  REFERENCE_CANDIDATE,
  REFERENCE_PATTERN,
  referenceFromBody,
} from '../../protocol/reference.ts';
import * as repos from '../../db/repos/index.ts';
import { DEMO_CPRS, DEMO_USERS, seedDemo } from '../../db/seed.ts';
import { type Appointment, DEFAULT_SETTINGS, type Settings, type Ticket } from '../../protocol/domain.ts';
import type { HallEvent } from '../../protocol/events.ts';
import { localDay, localInstant } from '../../engine/time.ts';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = join(tmpdir(), `dor-db-test-${randomBytes(6).toString('hex')}`);
  db = openDatabase(join(dir, 'nested', 'hall.sqlite'));
});

afterEach(() => {
  db.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

// 2026-03-15 (a Sunday) 09:00 in Bahrain.
const NOW = Date.UTC(2026, 2, 15, 6, 0);
const DAY = '2026-03-15';

const ticket = (over: Partial<Ticket> = {}): Ticket => fixtureTicket({ day: DAY, issuedAt: NOW, ...over });

function dayOpened(day: string, at: number): HallEvent {
  return { type: 'day_opened', at, day, settings: DEFAULT_SETTINGS, services: [], counters: [], appointments: [], recentDurations: {} };
}

describe('openDatabase', () => {
  it('creates the directory, applies migrations and sets the pragmas', () => {
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const tables = (db.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of [
      'services',
      'counters',
      'users',
      'sessions',
      'devices',
      'device_tokens',
      'pairing_codes',
      'settings',
      'opening_hours',
      'appointment_schedule',
      'holidays',
      'appointments',
      'tickets',
      'events',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('reopens an existing file without re-applying migrations, and works in memory', () => {
    repos.insertCounter(db, {
      number: 9,
      mode: 'mixed',
      serviceIds: ['a'],
      open: false,
      userId: null,
      paused: false,
      pauseReason: null,
      currentTicketId: null,
      nameAr: '',
      nameEn: '',
      active: true,
    });
    const file = db.sqlite.name;
    db.sqlite.close();
    db = openDatabase(file);
    expect(repos.listCounters(db).map((c) => c.number)).toEqual([9]);
    const mem = openDatabase(':memory:');
    expect(repos.isEmpty(mem)).toBe(true);
    mem.sqlite.close();
  });
});

describe('tickets', () => {
  it('UNIQUE(day, prefix, number) rejects a duplicate number', () => {
    repos.upsertTicket(db, ticket());
    expect(() => repos.upsertTicket(db, ticket({ id: 't-2', statusToken: 'tok-2' }))).toThrow(/UNIQUE/);
    repos.upsertTicket(db, ticket({ id: 't-3', statusToken: 'tok-3', day: '2026-03-16' }));
    repos.upsertTicket(db, ticket({ id: 't-4', statusToken: 'tok-4', prefix: 'C', label: 'C-001' }));
    expect(repos.listTicketsOfDay(db, DAY).map((t) => t.id)).toEqual(['t-1', 't-4']);
  });

  it('upsert round-trips every field and updates in place', () => {
    const t = ticket({ appointmentId: 'appt-X', slotStart: NOW, cpr: '900000001', requeued: true, priority: 'elderly' });
    repos.upsertTicket(db, t);
    expect(repos.getTicket(db, 't-1')).toEqual(t);
    const served = { ...t, status: 'done' as const, counter: 3, calledAt: NOW + 1, startedAt: NOW + 2, finishedAt: NOW + 3, outcome: 'resolved', note: 'ok' };
    repos.upsertTicket(db, served);
    expect(repos.getTicketByStatusToken(db, 'tok-1')).toEqual(served);
    expect(repos.getTicket(db, 'nope')).toBeNull();
  });
});

describe('events', () => {
  it('append / currentDayEvents / lastSeq / eventsBetween round-trip', () => {
    expect(repos.lastSeq(db)).toBe(0);
    expect(repos.currentDayEvents(db)).toEqual([]);
    const first = repos.appendEvents(db, '2026-03-14', 'system', [
      dayOpened('2026-03-14', NOW - 86_400_000),
      { type: 'day_closed', at: NOW - 1000, day: '2026-03-14' },
    ]);
    expect(first).toEqual([1, 2]);
    const t = ticket();
    const ev: HallEvent[] = [
      dayOpened(DAY, NOW),
      { type: 'ticket_issued', at: NOW + 5, ticket: t },
      { type: 'ticket_called', at: NOW + 9, ticketId: 't-1', counter: 3 },
    ];
    const seqs = repos.appendEvents(db, DAY, 'user:4', ev);
    expect(seqs).toEqual([3, 4, 5]);
    expect(repos.lastSeq(db)).toBe(5);
    const current = repos.currentDayEvents(db);
    expect(current.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(current.map((e) => e.event)).toEqual(ev);
    expect(current.every((e) => e.actor === 'user:4')).toBe(true);
    expect(repos.eventsBetween(db, 2, 4).map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(repos.appendEvents(db, DAY, 'x', [])).toEqual([]);
  });

  it('rolls back appended events when the surrounding transaction throws', () => {
    expect(() =>
      transaction(db, () => {
        repos.appendEvents(db, DAY, 'system', [dayOpened(DAY, NOW)]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(repos.lastSeq(db)).toBe(0);
  });
});

describe('seedDemo', () => {
  it('seeds a demo hall and refuses a second run', async () => {
    const { demoDeviceIds } = await seedDemo(db, NOW);
    expect(repos.isEmpty(db)).toBe(false);
    const services = repos.listServices(db);
    expect(services.map((s) => s.prefix)).toEqual(['B', 'C', 'D', 'E', 'F']);
    expect(services.every((s) => s.bookable && s.kioskVisible)).toBe(true);
    const counters = repos.listCounters(db);
    expect(counters).toHaveLength(6);
    expect(counters.filter((c) => c.mode === 'appointment').map((c) => c.number)).toEqual([1, 2]);
    expect(counters.every((c) => !c.open && c.serviceIds.length === 0)).toBe(true);

    for (const u of DEMO_USERS) {
      const row = repos.findUserByUsername(db, u.username)!;
      expect(row.role).toBe(u.role);
      expect(row).toMatchObject({ disabledAt: null, demoPassword: true, mustChangePassword: false });
      expect(await verify(row.passwordHash, u.password)).toBe(true);
      expect(await verify(row.passwordHash, `${u.password}x`)).toBe(false);
    }
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(['admin', 'supervisor', 'callcenter', 'counter']));
    expect(DEMO_USERS).toHaveLength(5);

    expect(repos.loadSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(repos.listOpeningHours(db).map((h) => h.weekday)).toEqual([0, 1, 2, 3, 4]);
    expect(repos.listAppointmentSchedule(db).every((r) => r.counters === 2 && r.startTime === '07:30' && r.endTime === '13:30')).toBe(true);
    expect(repos.listHolidays(db).map((h) => h.day)).toContain('2026-12-16');

    expect(repos.loadDemoDevices(db)).toEqual(demoDeviceIds);
    const kiosk = repos.getDevice(db, demoDeviceIds.kiosk)!;
    expect(kiosk).toMatchObject({ kind: 'kiosk', name: 'Demo kiosk', printer: 'virtual', pairedAt: NOW, revoked: false });
    expect(repos.getDevice(db, demoDeviceIds.display)).toMatchObject({ kind: 'display', name: 'Demo display', pairedAt: NOW });

    const appts = repos.listAppointmentsOfDay(db, DAY);
    expect(appts.length).toBeGreaterThanOrEqual(14);
    expect(appts.find((a) => a.cpr === '900000001')?.slotStart).toBe(localInstant(DAY, '07:30', 'Asia/Bahrain'));
    expect(new Set(appts.map((a) => a.cpr)).size).toBe(appts.length);
    expect([...appts.map((a) => a.cpr)].sort()).toEqual([...DEMO_CPRS].sort());
    const serviceById = new Map(services.map((s) => [s.id, s]));
    const scheduleStart = localInstant(DAY, '07:30', 'Asia/Bahrain');
    for (const a of appts) {
      expect(isValidReference(a.reference)).toBe(true);
      expect(a.id).not.toContain(a.reference); // public screens see the id
      expect(a.status).toBe('booked');
      expect(a.cpr).toMatch(/^\d{9}$/);
      expect(a.phone).toMatch(/^3\d{7}$/);
      expect(repos.countActiveInSlot(db, a.slotStart)).toBeLessThanOrEqual(2);
      const slotMs = serviceById.get(a.serviceId)!.slotMinutes * 60_000;
      expect((a.slotStart - scheduleStart) % slotMs).toBe(0); // on the service's slot grid
      expect(a.slotEnd - a.slotStart).toBe(slotMs);
      expect(a.slotEnd).toBeLessThanOrEqual(localInstant(DAY, '13:30', 'Asia/Bahrain'));
    }
    // A booking in every half hour of the appointment schedule.
    for (let t = scheduleStart; t < localInstant(DAY, '13:30', 'Asia/Bahrain'); t += 30 * 60_000) {
      expect(appts.some((a) => a.slotStart >= t && a.slotStart < t + 30 * 60_000)).toBe(true);
    }
    expect(repos.getAppointmentByReference(db, appts[3]!.reference.toLowerCase())?.id).toBe(appts[3]!.id);

    await expect(seedDemo(db, NOW)).rejects.toThrow(/not empty/);
  });

  it('uses the local date of the given time zone', async () => {
    // 22:30 UTC on the 14th is already the 15th in Bahrain.
    const late = Date.UTC(2026, 2, 14, 22, 30);
    await seedDemo(db, late, { timeZone: 'Asia/Bahrain' });
    expect(localDay(late, 'Asia/Bahrain')).toBe(DAY);
    expect(repos.listAppointmentsOfDay(db, DAY).length).toBeGreaterThan(0);
  });
});

describe('appointments', () => {
  const appt = (over: Partial<Appointment> = {}): Appointment => ({
    id: 'appt-1',
    reference: makeReference(1),
    serviceId: 'svc',
    day: DAY,
    slotStart: NOW,
    slotEnd: NOW + 900_000,
    status: 'booked',
    cpr: '900000001',
    phone: '36000000',
    nameAr: 'اسم',
    nameEn: 'Name',
    notes: '',
    ticketId: null,
    pageToken: `page-${over.id ?? 'appt-1'}`,
    ...over,
  });

  beforeEach(() => {
    repos.insertService(db, {
      id: 'svc',
      nameAr: 'خدمة',
      nameEn: 'Service',
      prefix: 'B',
      defaultDurationMin: 10,
      slotMinutes: 15,
      bookable: true,
      kioskVisible: true,
      sortOrder: 1,
      icon: 'home',
      colour: '#1f6f8b',
      active: true,
      bringAr: '',
      bringEn: '',
    });
  });

  it('upsert keeps createdAt/createdBy, counts active appointments per slot, finds the active one', () => {
    repos.upsertAppointment(db, { ...appt(), createdAt: 111, createdBy: 'agent' });
    repos.upsertAppointment(db, { ...appt({ notes: 'changed' }), createdAt: 999, createdBy: 'other' });
    const row = db.sqlite.prepare('select created_at, created_by, notes from appointments').get();
    expect(row).toEqual({ created_at: 111, created_by: 'agent', notes: 'changed' });
    repos.upsertAppointment(db, appt({ id: 'appt-2', reference: makeReference(2), cpr: '900000002' }));
    repos.upsertAppointment(db, appt({ id: 'appt-3', reference: makeReference(3), cpr: '900000003', status: 'cancelled' }));
    expect(repos.countActiveInSlot(db, NOW)).toBe(2);
    repos.setAppointmentStatus(db, 'appt-2', 'checked_in');
    expect(repos.countActiveInSlot(db, NOW)).toBe(2);
    repos.setAppointmentStatus(db, 'appt-2', 'no_show');
    expect(repos.countActiveInSlot(db, NOW)).toBe(1);
    expect(repos.activeAppointmentOf(db, '900000001', 'svc', DAY)?.id).toBe('appt-1');
    expect(repos.activeAppointmentOf(db, '900000001', 'svc', '2026-03-16')).toBeNull();
    expect(repos.activeAppointmentOf(db, '900000003', 'svc', DAY)).toBeNull();
    expect(repos.getAppointment(db, 'appt-1')).toEqual(appt({ notes: 'changed' }));
    repos.upsertAppointment(
      db,
      appt({ id: 'appt-4', reference: makeReference(4), day: '2026-03-17', slotStart: NOW + 2 * 86_400_000, slotEnd: NOW + 2 * 86_400_000 + 900_000 }),
    );
    expect(repos.listAppointmentsFrom(db, DAY, '2026-03-16').map((a) => a.id)).toEqual(['appt-1', 'appt-2', 'appt-3']);
    expect(repos.listAppointmentsFrom(db, DAY, '2026-03-17').map((a) => a.id)).toContain('appt-4');
  });

  it('a booking for an unknown service is rejected by the foreign key', () => {
    expect(() => repos.upsertAppointment(db, appt({ serviceId: 'ghost' }))).toThrow(/FOREIGN KEY/);
  });
});

describe('users and sessions', () => {
  it('resolves live sessions only', () => {
    const id = repos.createUser(db, { username: 'u', displayName: 'U', role: 'counter', passwordHash: 'h' });
    const never = 0;
    repos.createSession(db, 'sess', id, NOW, NOW + 1000);
    expect(repos.getSessionUser(db, 'sess', NOW, never)?.user.username).toBe('u');
    expect(repos.getSessionUser(db, 'sess', NOW + 1000, never)).toBeNull();
    // Idle: last seen at or before the idle bound; seen again, it is live.
    expect(repos.getSessionUser(db, 'sess', NOW + 500, NOW)).toBeNull();
    repos.touchSession(db, 'sess', NOW + 400);
    expect(repos.getSessionUser(db, 'sess', NOW + 500, NOW)).toEqual({ user: expect.objectContaining({ id }), lastSeenAt: NOW + 400 });
    repos.updateUser(db, id, { disabledAt: NOW });
    expect(repos.getSessionUser(db, 'sess', NOW, never)).toBeNull();
    repos.createSession(db, 'idle', id, NOW, NOW + 5000);
    repos.createSession(db, 'busy', id, NOW + 300, NOW + 5000);
    expect(repos.deleteExpiredSessions(db, NOW + 1000, NOW + 200).sort()).toEqual(['idle', 'sess']);
    repos.deleteSession(db, 'busy');
    repos.createSession(db, 'sess2', id, NOW, NOW + 1000);
    repos.deleteSession(db, 'sess2');
    expect(db.sqlite.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
    expect(repos.getUser(db, id)?.disabledAt).toBe(NOW);
  });
});

describe('user accounts', () => {
  const user = (username: string, role: 'admin' | 'counter' = 'counter') => repos.createUser(db, { username, displayName: username, role, passwordHash: 'h' });

  it('a new password clears the demo flag; mustChange says whether its owner must replace it', () => {
    const id = repos.createUser(db, { username: 'd', displayName: 'D', role: 'counter', passwordHash: 'h0', demoPassword: true });
    expect(repos.anyDemoPassword(db)).toBe(true);
    repos.setPassword(db, id, 'h1', true);
    expect(repos.getUser(db, id)).toMatchObject({ passwordHash: 'h1', mustChangePassword: true, demoPassword: false });
    expect(repos.anyDemoPassword(db)).toBe(false);
    repos.setPassword(db, id, 'h2', false);
    expect(repos.getUser(db, id)).toMatchObject({ passwordHash: 'h2', mustChangePassword: false });
  });

  it('a disabled account with the demo password does not count for the warning', () => {
    const id = repos.createUser(db, { username: 'd', displayName: 'D', role: 'counter', passwordHash: 'h0', demoPassword: true });
    repos.updateUser(db, id, { disabledAt: NOW });
    expect(repos.anyDemoPassword(db)).toBe(false);
  });

  it('counts enabled admins, optionally but one', () => {
    const a = user('a', 'admin');
    const b = user('b', 'admin');
    user('c');
    expect(repos.countEnabledAdmins(db)).toBe(2);
    expect(repos.countEnabledAdmins(db, a)).toBe(1);
    repos.updateUser(db, b, { disabledAt: NOW });
    expect(repos.countEnabledAdmins(db, a)).toBe(0);
    repos.updateUser(db, b, { disabledAt: null, role: 'counter' });
    expect(repos.countEnabledAdmins(db)).toBe(1);
  });

  it("ends all of a user's sessions, or all but one", () => {
    const a = user('a');
    const b = user('b');
    for (const t of ['a1', 'a2', 'a3']) repos.createSession(db, t, a, NOW, NOW + 1000);
    repos.createSession(db, 'b1', b, NOW, NOW + 1000);
    expect(repos.deleteUserSessions(db, a, 'a2')).toBe(2);
    expect(repos.getSessionUser(db, 'a2', NOW, 0)?.user.id).toBe(a);
    expect(repos.deleteUserSessions(db, a)).toBe(1);
    expect(repos.getSessionUser(db, 'a2', NOW, 0)).toBeNull();
    expect(repos.getSessionUser(db, 'b1', NOW, 0)?.user.id).toBe(b);
  });

  it('lists users in creation order; usernames are unique', () => {
    user('z');
    user('y');
    expect(repos.listUsers(db).map((u) => u.username)).toEqual(['z', 'y']);
    expect(() => user('z')).toThrow(/UNIQUE/);
  });
});

describe('audit log', () => {
  it('stores snapshots as JSON and filters by time, actor, kind or area, newest first, with paging', () => {
    repos.writeAudit(db, { at: NOW, actor: 'user:1:admin', kind: 'user.create', target: 'user:2', after: { username: 'x', role: 'counter' } });
    repos.writeAudit(db, {
      at: NOW + 10,
      actor: 'user:1:admin',
      kind: 'user.update',
      target: 'user:2',
      before: { role: 'counter' },
      after: { role: 'supervisor' },
    });
    repos.writeAudit(db, { at: NOW + 20, actor: 'user:2:x', kind: 'user.password.change', target: 'user:2' });
    repos.writeAudit(db, { at: NOW + 30, actor: 'user:1:admin', kind: 'settings.update', target: 'settings', before: { a: [1] }, after: { a: [2] } });
    repos.writeAudit(db, { at: NOW + 40, actor: 'user:1:admin', kind: 'userx.other', target: 'x' });

    const all = repos.listAudit(db);
    expect(all.map((r) => r.kind)).toEqual(['userx.other', 'settings.update', 'user.password.change', 'user.update', 'user.create']);
    expect(all[3]).toMatchObject({ at: NOW + 10, actor: 'user:1:admin', target: 'user:2', before: { role: 'counter' }, after: { role: 'supervisor' } });
    expect(all[2]).toMatchObject({ before: null, after: null });
    expect(repos.listAudit(db, { kind: 'user' }).map((r) => r.kind)).toEqual(['user.password.change', 'user.update', 'user.create']);
    expect(repos.listAudit(db, { kind: 'user.update' }).map((r) => r.kind)).toEqual(['user.update']);
    expect(repos.listAudit(db, { kind: 'user.password' }).map((r) => r.kind)).toEqual(['user.password.change']);
    expect(repos.listAudit(db, { actor: 'user:2:x' }).map((r) => r.kind)).toEqual(['user.password.change']);
    expect(repos.listAudit(db, { from: NOW + 10, to: NOW + 30 }).map((r) => r.at)).toEqual([NOW + 20, NOW + 10]);
    const page1 = repos.listAudit(db, { limit: 2 });
    const page2 = repos.listAudit(db, { limit: 2, before: page1.at(-1)!.id });
    expect([...page1, ...page2].map((r) => r.at)).toEqual([NOW + 40, NOW + 30, NOW + 20, NOW + 10]);
  });

  it('refuses snapshots with secrets at any depth: a text under a password, hash, token or PIN key, or an argon2 hash', () => {
    const e = { at: NOW, actor: 'a', kind: 'user.update', target: 'user:1' };
    expect(() => repos.writeAudit(db, { ...e, after: { passwordHash: 'abc' } })).toThrow(/passwordHash/);
    expect(() => repos.writeAudit(db, { ...e, before: { user: [{ sessionToken: 't' }] } })).toThrow(/sessionToken/);
    expect(() => repos.writeAudit(db, { ...e, after: { kioskPin: '1234' } })).toThrow(/kioskPin/);
    expect(() => repos.writeAudit(db, { ...e, after: { note: ['$argon2id$v=19$m=19456'] } })).toThrow(/argon2/);
    expect(repos.listAudit(db)).toEqual([]);
    repos.writeAudit(db, { ...e, after: { mustChangePassword: true, demoPassword: false } });
    expect(repos.listAudit(db)).toHaveLength(1);
  });
});

describe('migration 0004 (user accounts)', () => {
  it('turns inactive users into disabled ones and marks the seeded demo accounts', () => {
    const old = join(dir, 'old-migrations');
    cpSync(MIGRATIONS_FOLDER, old, { recursive: true });
    const journalFile = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const upTo3 = journal.entries.findIndex((e) => e.tag.startsWith('0004_'));
    expect(upTo3).toBe(4);
    journal.entries = journal.entries.slice(0, upTo3);
    writeFileSync(journalFile, JSON.stringify(journal));

    const file = join(dir, 'before-0004.sqlite');
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    const insert = sqlite.prepare('insert into users (username, display_name, role, password_hash, active, created_at) values (?, ?, ?, ?, ?, ?)');
    insert.run('admin', 'A', 'admin', 'h', 1, NOW);
    insert.run('counter1', 'C', 'counter', 'h', 0, NOW);
    insert.run('fatima', 'F', 'counter', 'h', 1, NOW);
    sqlite.close();

    const upgraded = openDatabase(file);
    try {
      const byName = Object.fromEntries(repos.listUsers(upgraded).map((u) => [u.username, u]));
      expect(byName.admin).toMatchObject({ disabledAt: null, demoPassword: true, mustChangePassword: false });
      expect(byName.counter1!.disabledAt).toBeGreaterThan(NOW);
      expect(byName.counter1!.demoPassword).toBe(true);
      expect(byName.fatima).toMatchObject({ disabledAt: null, demoPassword: false });
    } finally {
      upgraded.sqlite.close();
    }
  });
});

describe('migration 0005 (hall set-up) and checkpoints stored before it', () => {
  it('gives services their colour and active, counters a name and active, and an older day checkpoint the new defaults', () => {
    const old = join(dir, 'old-migrations');
    cpSync(MIGRATIONS_FOLDER, old, { recursive: true });
    const journalFile = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(
      0,
      journal.entries.findIndex((e) => e.tag.startsWith('0005_')),
    );
    writeFileSync(journalFile, JSON.stringify(journal));

    const file = join(dir, 'before-0005.sqlite');
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    const service = { nameAr: 'خ', nameEn: 'S', defaultDurationMin: 10, slotMinutes: 15, bookable: true, kioskVisible: true, sortOrder: 1, icon: '' };
    const insert = sqlite.prepare(
      'insert into services (id, name_ar, name_en, prefix, default_duration_min, slot_minutes, bookable, kiosk_visible, sort_order, icon) ' +
        "values (?, 'خ', 'S', ?, 10, 15, 1, 1, 1, '')",
    );
    insert.run('family-members', 'E');
    insert.run('passports', 'P');
    sqlite.prepare("insert into counters (number, mode, service_ids, open, paused) values (3, 'general', '[]', 0, 0)").run();
    const { serviceLevel: _l, kioskIdleSeconds: _k, ...oldSettings } = DEFAULT_SETTINGS;
    const opened = {
      type: 'day_opened',
      at: NOW,
      day: '2026-03-15',
      settings: oldSettings,
      services: [{ id: 'passports', prefix: 'P', ...service }],
      counters: [{ number: 3, mode: 'general', serviceIds: [], open: false, userId: null, paused: false, pauseReason: null, currentTicketId: null }],
      appointments: [],
      recentDurations: {},
    };
    sqlite.prepare("insert into events (at, day, type, actor, payload) values (?, '2026-03-15', 'day_opened', 'system', ?)").run(NOW, JSON.stringify(opened));
    sqlite.close();

    const upgraded = openDatabase(file);
    try {
      expect(repos.listServices(upgraded).map((s) => [s.id, s.colour, s.active])).toEqual([
        ['family-members', '#2e7d32', true],
        ['passports', '#1f6f8b', true],
      ]);
      expect(repos.listCounters(upgraded)).toMatchObject([{ number: 3, nameAr: '', nameEn: '', active: true }]);
      const [checkpoint] = repos.currentDayEvents(upgraded);
      expect(checkpoint!.event).toMatchObject({
        settings: { serviceLevel: DEFAULT_SETTINGS.serviceLevel, kioskIdleSeconds: 30 },
        services: [{ id: 'passports', colour: '#1f6f8b', active: true }],
        counters: [{ number: 3, nameAr: '', nameEn: '', active: true }],
      });
    } finally {
      upgraded.sqlite.close();
    }
  });
});

describe('devices', () => {
  it('consumePairingCode works once, not after expiry, not for a revoked device', () => {
    const id = repos.createDevice(db, 'kiosk', 'Kiosk 1', NOW);
    expect(repos.getDevice(db, id)?.pairedAt).toBeNull();
    repos.createPairingCode(db, id, 'code-a', NOW + 60_000);
    repos.createPairingCode(db, id, 'code-b', NOW + 60_000);
    expect(repos.consumePairingCode(db, 'code-b', NOW + 60_000)).toBeNull(); // expired
    const paired = repos.consumePairingCode(db, 'code-a', NOW + 1);
    expect(paired).toMatchObject({ id, kind: 'kiosk', name: 'Kiosk 1', pairedAt: NOW + 1, revoked: false });
    expect(repos.consumePairingCode(db, 'code-a', NOW + 2)).toBeNull(); // used
    expect(repos.consumePairingCode(db, 'unknown', NOW)).toBeNull();

    repos.addDeviceToken(db, id, 'dtok', NOW);
    expect(repos.findDeviceByToken(db, 'dtok')?.id).toBe(id);
    const other = repos.createDevice(db, 'display', 'Board', NOW);
    repos.createPairingCode(db, other, 'code-c', NOW + 60_000);
    repos.revokeDevice(db, id);
    expect(repos.findDeviceByToken(db, 'dtok')).toBeNull();
    db.sqlite.prepare('update devices set revoked = 1 where id = ?').run(other);
    expect(repos.consumePairingCode(db, 'code-c', NOW)).toBeNull();
    expect(repos.listDevices(db).map((d) => d.id)).toEqual([id, other]);
  });
});

describe('settings', () => {
  it('demo devices are null until saved', () => {
    expect(repos.loadDemoDevices(db)).toBeNull();
    repos.saveDemoDevices(db, { kiosk: 4, display: 5 });
    repos.saveDemoDevices(db, { kiosk: 7, display: 8 });
    expect(repos.loadDemoDevices(db)).toEqual({ kiosk: 7, display: 8 });
    expect(repos.loadSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('returns the defaults when missing, round-trips, and falls back per field on bad stored values', () => {
    expect(repos.loadSettings(db)).toEqual(DEFAULT_SETTINGS);
    const changed: Settings = { ...DEFAULT_SETTINGS, maxRecalls: 4, checkInEarlyMinutes: 45, tickerMessages: [] };
    repos.saveSettings(db, changed);
    expect(repos.loadSettings(db)).toEqual(changed);
    repos.saveSettings(db, { ...changed, maxRecalls: 1 });
    expect(repos.loadSettings(db).maxRecalls).toBe(1);
    // An older row missing a field, and a field that no longer validates.
    db.sqlite.prepare("update settings set value = ? where key = 'hall'").run(JSON.stringify({ maxRecalls: 3, timeZone: 'Nowhere/Atlantis' }));
    expect(repos.loadSettings(db)).toEqual({ ...DEFAULT_SETTINGS, maxRecalls: 3 });
    expect(() => repos.saveSettings(db, { ...changed, maxRecalls: -1 })).toThrow();
  });
});

describe('references', () => {
  const sample = Array.from({ length: 300 }, (_, i) => makeReference(i * 7919 + 3));

  it('uses an alphabet without 0/O/1/I and makes valid, distinct references', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(32);
    expect(REFERENCE_ALPHABET).not.toMatch(/[0O1I]/);
    expect(new Set(sample).size).toBe(sample.length);
    for (const r of sample) {
      expect(r).toMatch(REFERENCE_PATTERN);
      expect(r).toBe(r.toUpperCase());
      expect(isValidReference(r)).toBe(true);
      expect(isValidReference(r.toLowerCase())).toBe(true);
    }
    expect(isValidReference('')).toBe(false);
    expect(isValidReference('ABCDEF')).toBe(false);
    expect(isValidReference('ABCDEF0')).toBe(false);
  });

  it('has patterns of exactly the alphabet in either case, a reference 7 characters, a candidate 4–12', () => {
    for (let code = 32; code < 127; code++) {
      const ch = String.fromCharCode(code);
      const allowed = REFERENCE_ALPHABET.includes(ch.toUpperCase());
      expect(REFERENCE_PATTERN.test(ch.repeat(7)), ch).toBe(allowed);
      expect(REFERENCE_CANDIDATE.test(ch.repeat(4)), ch).toBe(allowed);
    }
    for (const n of [6, 8]) expect(REFERENCE_PATTERN.test('A'.repeat(n))).toBe(false);
    for (const [n, ok] of [
      [3, false],
      [4, true],
      [12, true],
      [13, false],
    ] as const)
      expect(REFERENCE_CANDIDATE.test('a'.repeat(n))).toBe(ok);
  });

  it('detects every single-character substitution', () => {
    for (const r of sample) {
      for (let i = 0; i < r.length; i++) {
        for (const ch of REFERENCE_ALPHABET) {
          if (ch === r[i]) continue;
          expect(isValidReference(r.slice(0, i) + ch + r.slice(i + 1))).toBe(false);
        }
      }
    }
  });

  it('detects every adjacent transposition except the Luhn mod N blind spot 2↔Z', () => {
    const swapAt = (r: string, i: number) => r.slice(0, i) + r[i + 1]! + r[i]! + r.slice(i + 2);
    const isBlindSpot = (a: string, b: string) => (a === '2' && b === 'Z') || (a === 'Z' && b === '2');
    // Over the sample…
    for (const r of sample) {
      for (let i = 0; i + 1 < r.length; i++) {
        if (r[i] === r[i + 1]) continue;
        expect(isValidReference(swapAt(r, i))).toBe(isBlindSpot(r[i]!, r[i + 1]!));
      }
    }
    // …and exhaustively over every ordered pair of characters at every body position,
    let blindSpots = 0;
    for (const base of ['ABCDEF', '2Z9K7M', 'ZZZZZZ']) {
      for (const a of REFERENCE_ALPHABET) {
        for (const b of REFERENCE_ALPHABET) {
          if (a === b) continue;
          for (let i = 0; i + 1 < 6; i++) {
            const ref = referenceFromBody(base.slice(0, i) + a + b + base.slice(i + 2));
            const undetected = isValidReference(swapAt(ref, i));
            expect(undetected).toBe(isBlindSpot(a, b));
            if (undetected) blindSpots++;
          }
        }
        // …and the last body character with the check character.
        const ref = referenceFromBody(base.slice(0, 5) + a);
        if (ref[5] !== ref[6]) expect(isValidReference(swapAt(ref, 5))).toBe(isBlindSpot(ref[5]!, ref[6]!));
      }
    }
    expect(blindSpots).toBe(3 * 2 * 5); // only 2↔Z, in both orders, at each of the 5 body positions
  });

  it('randomReference makes valid references from the given random source', () => {
    let x = 0.123;
    const rnd = () => (x = (x * 9301 + 0.49297) % 1);
    for (let i = 0; i < 200; i++) expect(isValidReference(randomReference(rnd))).toBe(true);
    expect(randomReference(() => 0)).toBe(referenceFromBody('222222'));
    expect(randomReference(() => 0.9999999)).toMatch(/^ZZZZZZ.$/);
  });
});
