// Backup and restore (docs/OPERATIONS.md): `npm run backup` copies the database of a real hub process
// while kiosks and an agent keep writing to it; the copy passes SQLite's integrity check and holds
// everything acknowledged before the backup started. `npm run restore` puts it in place with the hub
// stopped, and a hub started on it answers the same state as before the backup, numbers going on.
// The tools run as the technician runs them (a child process each), exit codes and messages included.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Counter, Ticket } from '../../protocol/domain.ts';
import { backupName } from '../../tools/db-backup.ts';
import { hubProcesses, REPO_ROOT, stopHub, type HubProcess } from '../helpers/child.ts';

const SERVICES = ['application-inquiry', 'new-application', 'update-details', 'family-members', 'letter-follow-up'] as const;
const BOOKED_SERVICE = 'update-details';
const COUNTER = 3;
const TODAY = '2026-11-26';

type Reply = { status: number; body: any; headers: Headers };
interface State {
  seq: number;
  tickets: Record<string, Ticket>;
  counters: Record<string, Counter>;
  appointments: Record<string, Appointment>;
  lastNumber: Record<string, number>;
}

const procs = hubProcesses('dor-backup-');
/** The hub's database, its backup, and the fresh path the backup is restored to. */
let file: string;
let backupFile: string;
let freshFile: string;

beforeAll(() => {
  file = join(procs.dir, 'hall', 'dor.db');
  backupFile = join(procs.dir, 'dor-backup.db');
  freshFile = join(procs.dir, 'restored', 'dor.db');
});

async function start(db: string, clockStart: string): Promise<HubProcess> {
  return procs.spawn({ PORT: '0', HOST: '127.0.0.1', DOR_DB: db, LOG_LEVEL: 'info', DOR_CLOCK_START: clockStart });
}

/** `npm run backup|restore -- args` (tsx on tools/<name>.ts), as the nightly dor-backup.service runs it, with DOR_DB set. */
function tool(name: 'backup' | 'restore', args: string[], db: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DOR_') && k !== 'NODE_OPTIONS'));
  const proc = spawn(process.execPath, ['--import', 'tsx', `tools/${name}.ts`, ...args], { cwd: REPO_ROOT, env: { ...env, DOR_DB: db } });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  proc.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function send(h: HubProcess, method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(h.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: JSON.parse(await res.text()), headers: res.headers };
}

async function must(h: HubProcess, method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string } = {}): Promise<Reply> {
  const r = await send(h, method, path, opts);
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function login(h: HubProcess, username: string, password: string): Promise<string> {
  const r = await must(h, 'POST', '/api/auth/login', { body: { username, password } });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function state(h: HubProcess, cookie: string): Promise<State> {
  const { body } = await must(h, 'GET', '/api/snapshot', { cookie });
  return { seq: body.seq, ...body.state };
}

function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const lastSeq = (db: Database.Database) => (db.prepare('select max(seq) as seq from events').get() as { seq: number }).seq;

describe('npm run backup while the hub runs, npm run restore with it stopped', () => {
  let hub: HubProcess;
  let supervisor: string;
  let kioskToken: string;
  /** What the hub answered just before the backup started. */
  let before: State;
  /** Acknowledged while the backup ran: may or may not be in the copy. */
  const duringTickets = new Map<string, Ticket>();
  const duringBookings = new Map<string, Appointment>();
  let backupSeq = 0;

  it('copies the database while kiosks and an agent keep writing; the copy is sound and holds everything acknowledged before', async () => {
    hub = await start(file, '2026-11-26T06:00:00Z');
    supervisor = await login(hub, 'supervisor', 'super123');
    const admin = await login(hub, 'admin', 'admin123');
    const settings = (await must(hub, 'GET', '/api/settings', { cookie: supervisor })).body.settings;
    await must(hub, 'PUT', '/api/settings', { cookie: admin, body: { ...settings, kioskTicketsPerMinute: 1000, kioskTicketsBurst: 1000 } });
    // One kiosk per lane of the load below: each has its own rate limit (1000 tickets at most in a burst).
    const kiosks: string[] = [];
    for (const lane of [1, 2, 3, 4]) {
      const code = await must(hub, 'POST', '/api/devices/pairing-codes', { cookie: supervisor, body: { kind: 'kiosk', name: `Backup kiosk ${lane}` } });
      kiosks.push((await must(hub, 'POST', '/api/devices/pair', { body: { code: code.body.code } })).body.token);
    }
    kioskToken = kiosks[0]!;
    const agent = await login(hub, 'agent', 'agent123');
    const slots = (await must(hub, 'GET', `/api/slots?serviceId=${BOOKED_SERVICE}&days=1`, { cookie: agent })).body;
    const free: { day: string; time: string }[] = slots.days.flatMap((d: any) =>
      d.slots.filter((s: any) => s.remaining > 0 && d.day === TODAY && s.time >= '10:00').map((s: any) => ({ day: d.day, time: s.time })),
    );
    let cprs = 0;
    const book = async () => {
      const cpr = `7${String(++cprs).padStart(8, '0')}`;
      const body = { serviceId: BOOKED_SERVICE, ...free.shift()!, cpr, phone: '36001234', nameAr: 'مريم علي', nameEn: 'Maryam Ali' };
      return (await must(hub, 'POST', '/api/appointments', { cookie: agent, body })).body.appointment as Appointment;
    };
    const issue = async (i: number, token = kioskToken) =>
      (await must(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: SERVICES[i % SERVICES.length] } })).body.ticket as Ticket;

    // The morning so far: tickets, bookings, a counter with a citizen at it.
    for (let i = 0; i < 25; i++) await issue(i);
    const booked = [await book(), await book(), await book()];
    const counter1 = await login(hub, 'counter1', 'counter123');
    await must(hub, 'POST', `/api/counters/${COUNTER}/open`, { cookie: counter1 });
    for (const step of ['call-next', 'start', 'finish', 'call-next', 'start']) {
      await must(hub, 'POST', `/api/counters/${COUNTER}/${step}`, { cookie: counter1, body: step === 'finish' ? { outcome: 'served' } : {} });
    }
    before = await state(hub, supervisor);
    expect(Object.keys(before.tickets)).toHaveLength(25);
    for (const a of booked) expect(before.appointments[a.id]).toEqual(a);

    // Kiosks and the agent keep writing for as long as the backup runs.
    let backupRunning = true;
    // Each lane stops short of its kiosk's rate limit, should the backup take long on a busy machine.
    const kioskLane = async (lane: number) => {
      for (let i = lane; backupRunning && i < 900 * kiosks.length; i += kiosks.length) {
        const t = await issue(i, kiosks[lane]);
        if (backupRunning) duringTickets.set(t.id, t);
      }
    };
    const agentLane = async () => {
      while (backupRunning && free.length > 0) {
        const a = await book();
        if (backupRunning) duringBookings.set(a.id, a);
      }
    };
    const lanes = [...kiosks.map((_, lane) => kioskLane(lane)), agentLane()];
    const result = await tool('backup', ['--out', backupFile], file).finally(() => {
      backupRunning = false;
    });
    await Promise.all(lanes);

    expect(result.code, result.stderr).toBe(0);
    expect(duringTickets.size, 'tickets acknowledged while the backup ran').toBeGreaterThan(0);
    expect(duringBookings.size, 'bookings acknowledged while the backup ran').toBeGreaterThan(0);
    const copy = readDb(backupFile, (db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      seq: lastSeq(db),
      tickets: new Map((db.prepare('select id, label from tickets').all() as { id: string; label: string }[]).map((t) => [t.id, t.label])),
      appointments: new Set((db.prepare('select id from appointments').all() as { id: string }[]).map((a) => a.id)),
    }));
    expect(copy.integrity).toBe('ok');
    // One self-contained file, no -wal beside it to lose.
    expect(copy.journal).toBe('delete');
    expect(copy.seq).toBeGreaterThanOrEqual(before.seq);
    for (const t of Object.values(before.tickets)) expect(copy.tickets.get(t.id), t.label).toBe(t.label);
    for (const id of Object.keys(before.appointments)) expect(copy.appointments.has(id)).toBe(true);
    backupSeq = copy.seq;
    // It says what it wrote: where, how big, up to which event.
    expect(result.stdout).toContain(`backup written: ${backupFile} (${Math.round(statSync(backupFile).size / 1024)} KB), last event #${copy.seq} of ${TODAY}`);
    expect(readdirSync(procs.dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses to restore while the hub has the database open, and touches nothing', async () => {
    const r = await tool('restore', ['--from', backupFile], file);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toMatch(/restore refused: the hub is using .*dor\.db \(its lock is held\): stop it first/);
    expect(readdirSync(join(procs.dir, 'hall')).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect((await must(hub, 'GET', '/healthz')).body).toMatchObject({ ok: true });
    // The hub is still the one writing to it.
    const t = await must(hub, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId: 'application-inquiry' } });
    expect(t.status).toBe(201);
  });

  it('restores onto a fresh path with the hub stopped; started on it, the hub answers the state up to the backup, numbers going on', async () => {
    expect(await stopHub(hub, 'SIGTERM')).toEqual({ code: 0, signal: null });
    const r = await tool('restore', ['--from', backupFile], freshFile);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`restored: ${freshFile}`);
    expect(r.stdout).toContain(`last event #${backupSeq} of ${TODAY}`);
    expect(r.stdout).toContain('there was no database there before');

    const again = await start(freshFile, '2026-11-26T06:20:00Z');
    // The supervisor's session and the kiosk's pairing are in the database too.
    const after = await state(again, supervisor);
    expect(after.seq).toBeGreaterThanOrEqual(backupSeq);
    // (A hub started on a database also has each ticket's statusToken, cpr, note and outcome in its snapshot.)
    for (const t of Object.values(before.tickets)) expect(after.tickets[t.id], t.label).toMatchObject(t);
    for (const a of Object.values(before.appointments)) expect(after.appointments[a.id], a.reference).toEqual(a);
    expect(after.counters[String(COUNTER)]).toEqual(before.counters[String(COUNTER)]);
    // Nothing else than what was acknowledged, before or during the backup.
    for (const t of Object.values(after.tickets)) {
      const acknowledged = before.tickets[t.id] ?? duringTickets.get(t.id);
      expect(acknowledged, `${t.label} was never acknowledged`).toBeDefined();
      expect(t).toMatchObject(acknowledged!);
    }
    for (const a of Object.values(after.appointments)) expect(before.appointments[a.id] ?? duringBookings.get(a.id), a.reference).toBeDefined();
    // Numbers go on from the highest in the restored day, per queue, without a gap or a repeat.
    for (const serviceId of SERVICES) {
      const t = (await must(again, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId } })).body.ticket as Ticket;
      const numbers = Object.values(after.tickets)
        .filter((x) => x.prefix === t.prefix)
        .map((x) => x.number);
      expect(t.number, t.label).toBe(Math.max(0, ...numbers) + 1);
      expect(after.lastNumber[t.prefix] ?? 0).toBe(Math.max(0, ...numbers));
    }
    expect(await stopHub(again, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('restores onto the stopped hub’s own path, keeping the database it replaces beside it', async () => {
    const replacedSeq = readDb(file, lastSeq);
    expect(replacedSeq).toBeGreaterThan(backupSeq);
    const r = await tool('restore', ['--from', backupFile], file);
    expect(r.code, r.stderr).toBe(0);
    const kept = readdirSync(join(procs.dir, 'hall')).filter((f) => /^dor\.db\.before-restore-\d{4}-\d{2}-\d{2}T\d{6}Z$/.test(f));
    expect(kept).toHaveLength(1);
    expect(r.stdout).toContain(`kept as ${join(procs.dir, 'hall', kept[0]!)}`);
    expect(readDb(join(procs.dir, 'hall', kept[0]!), lastSeq)).toBe(replacedSeq);
    expect(readDb(file, lastSeq)).toBe(backupSeq);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses bad arguments (2), an existing file without --force, a missing database and a damaged one (1)', async () => {
    const usage = await tool('backup', [], file);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage:\n  npm run backup -- --out FILE [--force]');
    expect((await tool('backup', ['--out', backupFile, '--keep', '3'], file)).code).toBe(2);
    expect((await tool('restore', [], file)).code).toBe(2);

    const sizeBefore = statSync(backupFile).size;
    const exists = await tool('backup', ['--out', backupFile], file);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain(`backup failed: ${backupFile} exists already: choose another name, or add --force to overwrite it`);
    expect(statSync(backupFile).size).toBe(sizeBefore);
    expect((await tool('backup', ['--out', backupFile, '--force'], file)).code).toBe(0);

    const missing = await tool('backup', ['--out', join(procs.dir, 'none.db')], join(procs.dir, 'nowhere', 'dor.db'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`backup failed: no database at ${join(procs.dir, 'nowhere', 'dor.db')} (DOR_DB)`);
    expect(existsSync(join(procs.dir, 'none.db'))).toBe(false);

    // A backup with a page overwritten (a failing disk): neither backed up again nor restored.
    const damaged = join(procs.dir, 'damaged.db');
    copyFileSync(backupFile, damaged);
    const pageSize = readDb(damaged, (db) => db.pragma('page_size', { simple: true }) as number);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, statSync(damaged).size - pageSize);
    closeSync(fd);
    const restoreDamaged = await tool('restore', ['--from', damaged], freshFile);
    expect(restoreDamaged.code).toBe(1);
    expect(restoreDamaged.stderr).toContain(`restore refused: integrity check of the backup ${damaged} failed`);
    expect(readDb(freshFile, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    const backupDamaged = await tool('backup', ['--out', join(procs.dir, 'of-damaged.db')], damaged);
    expect(backupDamaged.code).toBe(1);
    expect(backupDamaged.stderr).toContain(`integrity check of the copy of ${damaged} failed`);
    expect(readdirSync(procs.dir).filter((f) => f.startsWith('of-damaged'))).toEqual([]);
  });

  it('--dir DIR --keep N: names the backup by its time and keeps only the newest N of those', async () => {
    const backups = join(procs.dir, 'backups');
    mkdirSync(backups);
    // Sixteen older nightly backups and a file of the technician's own.
    const old = Array.from({ length: 16 }, (_, i) => backupName(new Date(Date.UTC(2026, 10, 1 + i, 1, 30))));
    for (const name of [...old, 'notes.txt']) writeFileSync(join(backups, name), 'x');
    const r = await tool('backup', ['--dir', backups, '--keep', '14'], file);
    expect(r.code, r.stderr).toBe(0);
    const left = readdirSync(backups).sort();
    const made = left.filter((f) => !old.includes(f) && f !== 'notes.txt');
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^dor-\d{4}-\d{2}-\d{2}T\d{6}Z\.db$/);
    expect(made[0]! > old.at(-1)!).toBe(true);
    expect(left).toEqual([...old.slice(3), made[0]!, 'notes.txt'].sort());
    expect(r.stdout).toContain(`removed 3 older backup(s), keeping the newest 14: ${old.slice(0, 3).join(', ')}`);
    expect(readDb(join(backups, made[0]!), (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  });
});
