// Citizen inquiries end to end: a real hub on port 0 with a temp SQLite file and the seeded demo
// citizens (900000001 Mohamed Abdulla Al-Dosari: family, an application under review, a letter).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallBody, ContactBody, Iban, ibanIssue, ibanProblem, ImportRow, makeIban } from '../../protocol/citizens.ts';
import { parseCsv } from '../../server/import.ts';
import { call, DEMO, login, startTestHub, type TestHub } from '../helpers/hub.ts';

const MOHAMED = '900000001';
const AGENT_NAME = 'نورة الدوسري / Noora Al-Dosari';
let hub: TestHub;
let agent: string;

beforeEach(async () => {
  hub = await startTestHub();
  agent = await login(hub, ...DEMO.agent);
});
afterEach(async () => {
  await hub.stop();
});

const count = (table: string) => (hub.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('validation', () => {
  it('accepts Bahraini IBANs with a valid mod-97 checksum, spaces and lower case allowed', () => {
    expect(ibanProblem('BH67BMAG00001299123456')).toBeNull();
    expect(Iban.parse('bh67 bmag 0000 1299 1234 56')).toBe('BH67BMAG00001299123456');
    const made = makeIban('BH', 'NBOB00000012345678');
    expect(made).toMatch(/^BH\d{2}NBOB00000012345678$/);
    expect(ibanProblem(made)).toBeNull();
  });

  it('refuses bad IBANs with a clear reason', () => {
    expect(ibanProblem('BH68BMAG00001299123456')).toMatch(/check digits do not match/);
    expect(ibanProblem('BH67BMAG00001299123465')).toMatch(/check digits do not match/); // two swapped digits
    expect(ibanProblem('BH67BMAG0000129912345')).toMatch(/22 characters/);
    expect(ibanProblem('BH67BM4G00001299123456')).toMatch(/4-letter bank code/);
    expect(ibanProblem('GB82WEST12345698765432')).toMatch(/only Bahraini IBANs/);
    expect(ibanProblem('GB82WEST12345698765432', ['BH', 'GB'])).toBeNull();
    expect(ibanProblem('BH67-BMAG-0000')).toMatch(/only letters and digits/);
    expect(Iban.safeParse('').success).toBe(false);
  });

  it('names the broken IBAN rule as a code the console words in Arabic or English', () => {
    expect(ibanIssue('BH68BMAG00001299123456')).toBe('checksum');
    expect(ibanIssue('BH67BMAG0000129912345')).toBe('bahraini_format');
    expect(ibanIssue('GB82WEST12345698765432')).toBe('country');
    expect(ibanIssue('GB82WEST1234569876543X', ['BH', 'GB'])).toBe('checksum');
    expect(ibanIssue('GB82', ['BH', 'GB'])).toBe('format');
    expect(ibanIssue('BH67-BMAG-0000')).toBe('characters');
    expect(ibanIssue('  ')).toBe('empty');
    expect(ibanIssue('bh67 bmag 0000 1299 1234 56')).toBeNull();
  });

  it('checks phones with the booking rule and the call body’s category', () => {
    expect(ContactBody.safeParse({ cpr: MOHAMED, phone: '36001234' }).success).toBe(true);
    expect(ContactBody.safeParse({ cpr: MOHAMED, phone: '+97339001234' }).success).toBe(true);
    const bad = ContactBody.safeParse({ cpr: MOHAMED, phone: '17001234' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/Bahraini mobile/);
    expect(ContactBody.safeParse({ cpr: MOHAMED }).success).toBe(false);
    expect(CallBody.safeParse({ category: 'gossip' }).success).toBe(false);
  });

  it('parses quoted CSV', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",z\n\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'z'],
    ]);
  });
});

describe('the citizen record', () => {
  it('shows names, contact, IBAN, family, applications with their history and letters', async () => {
    const r = await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: agent });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = r.body.citizen;
    expect(c).toMatchObject({ cpr: MOHAMED, nameEn: 'Mohamed Abdulla Al-Dosari', nameAr: 'محمد عبدالله الدوسري', phone: '36123457' });
    expect(ibanProblem(c.iban)).toBeNull();
    expect(c.family.map((m: any) => m.relation)).toEqual(['spouse', 'son']);
    expect(c.applications).toHaveLength(1);
    expect(c.applications[0]).toMatchObject({ number: 'HA-2019-004512', status: 'under_review' });
    expect(c.applications[0].history.map((h: any) => h.status)).toEqual(['submitted', 'under_review']);
    expect(c.letters[0]).toMatchObject({ reference: 'L-2026-00871', status: 'in_progress' });
    expect(c.history).toEqual([]);
  });

  it('answers an unknown CPR with 404 and a malformed one with 400', async () => {
    expect((await call(hub, 'GET', '/api/citizens/123456789', { cookie: agent })).body.error.code).toBe('CITIZEN_NOT_FOUND');
    expect((await call(hub, 'GET', '/api/citizens/12345', { cookie: agent })).status).toBe(400);
  });

  it('audits a phone change: the history shows old → new with the agent’s name, newest first', async () => {
    const r = await call(hub, 'PUT', `/api/citizens/${MOHAMED}/contact`, { cookie: agent, body: { phone: '39998877' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.changed).toBe(1);
    expect(r.body.citizen.phone).toBe('39998877');
    hub.clock.advance(60_000);
    await call(hub, 'PUT', `/api/citizens/${MOHAMED}/contact`, { cookie: agent, body: { phone: '39998877', address: 'House 1, Road 2, Block 3, Isa Town' } });
    const view = await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: await login(hub, ...DEMO.counter1) });
    expect(view.body.citizen.history.map((h: any) => [h.field, h.oldValue, h.newValue, h.actor])).toEqual([
      ['address', 'Flat 12, Building 2045, Road 3321, Block 333, Manama', 'House 1, Road 2, Block 3, Isa Town', AGENT_NAME],
      ['phone', '36123457', '39998877', AGENT_NAME],
    ]);
    expect(view.body.citizen.history[1].at).toBe(hub.clock.now() - 60_000);
    expect(view.body.citizen.history[0].at).toBe(hub.clock.now());
  });

  it('updates the IBAN (normalised) and refuses a bad checksum without writing anything', async () => {
    const before = count('citizen_audit');
    const bad = await call(hub, 'PUT', `/api/citizens/${MOHAMED}/iban`, { cookie: agent, body: { iban: 'BH68BMAG00001299123456' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/check digits/);
    expect(count('citizen_audit')).toBe(before);
    const old = (await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: agent })).body.citizen.iban;
    const ok = await call(hub, 'PUT', `/api/citizens/${MOHAMED}/iban`, { cookie: agent, body: { iban: 'bh67 bmag 0000 1299 1234 56' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.citizen.iban).toBe('BH67BMAG00001299123456');
    expect(ok.body.citizen.history[0]).toMatchObject({ field: 'iban', oldValue: old, newValue: 'BH67BMAG00001299123456', actor: AGENT_NAME });
    // The same IBAN again is no change and no audit row.
    const again = await call(hub, 'PUT', `/api/citizens/${MOHAMED}/iban`, { cookie: agent, body: { iban: 'BH67BMAG00001299123456' } });
    expect(again.body.changed).toBe(0);
    expect(count('citizen_audit')).toBe(before + 1);
  });

  it('adds a family member, audited; refuses duplicates and future birth dates', async () => {
    const body = { name: 'Hessa Mohamed Al-Dosari', relation: 'daughter', dateOfBirth: '2020-02-29', memberCpr: '900100009' };
    const r = await call(hub, 'POST', `/api/citizens/${MOHAMED}/family`, { cookie: agent, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.citizen.family).toHaveLength(3);
    expect(r.body.citizen.history[0]).toMatchObject({
      field: 'family',
      oldValue: null,
      newValue: 'Hessa Mohamed Al-Dosari (daughter, 2020-02-29, CPR 900100009)',
      actor: AGENT_NAME,
    });
    expect((await call(hub, 'POST', `/api/citizens/${MOHAMED}/family`, { cookie: agent, body })).body.error.code).toBe('FAMILY_MEMBER_EXISTS');
    const future = await call(hub, 'POST', `/api/citizens/${MOHAMED}/family`, { cookie: agent, body: { ...body, memberCpr: null, dateOfBirth: '2027-01-01' } });
    expect(future.body.error.code).toBe('BIRTH_DATE_IN_FUTURE');
    const badDay = await call(hub, 'POST', `/api/citizens/${MOHAMED}/family`, { cookie: agent, body: { ...body, memberCpr: null, dateOfBirth: '2021-02-29' } });
    expect(badDay.status).toBe(400);
    expect(count('family_members')).toBe(5);
  });

  it('lets counters read but not write; supervisors write; kiosks and strangers neither', async () => {
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: counter })).status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', `/api/citizens/${MOHAMED}/contact`, { phone: '39998877' }],
      ['PUT', `/api/citizens/${MOHAMED}/iban`, { iban: 'BH67BMAG00001299123456' }],
      ['POST', `/api/citizens/${MOHAMED}/family`, { name: 'X', relation: 'son', dateOfBirth: '2020-01-01' }],
      ['POST', '/api/calls', { category: 'other' }],
      ['GET', '/api/calls', undefined],
      ['POST', '/api/import/applications', { rows: [{}] }],
    ] as const) {
      const r = await call(hub, method, path, { cookie: counter, ...(body ? { body } : {}) });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await call(hub, 'POST', '/api/import/applications', { cookie: agent, body: { rows: [{}] } })).status).toBe(403);
    expect((await call(hub, 'GET', `/api/citizens/${MOHAMED}`)).status).toBe(401);
    expect(count('citizen_audit')).toBe(0);
    const sup = await login(hub, ...DEMO.supervisor);
    const r = await call(hub, 'PUT', `/api/citizens/${MOHAMED}/contact`, { cookie: sup, body: { address: 'House 9, Road 9, Block 9, Hidd' } });
    expect(r.body.citizen.history[0].actor).toBe('أحمد المناعي / Ahmed Al-Mannai');
  });
});

describe('the call log', () => {
  it('logs a call in one request and lists it by citizen and by day', async () => {
    const r = await call(hub, 'POST', '/api/calls', { cookie: agent, body: { cpr: MOHAMED, category: 'application_status' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.call).toMatchObject({ cpr: MOHAMED, category: 'application_status', note: '', outcome: 'resolved', actor: AGENT_NAME, day: '2026-11-26' });
    await call(hub, 'POST', '/api/calls', { cookie: agent, body: { category: 'other', note: 'asked for the hall’s opening hours', outcome: 'resolved' } });
    expect((await call(hub, 'POST', '/api/calls', { cookie: agent, body: { category: 'complaint' } })).status).toBe(400);
    const mine = await call(hub, 'GET', `/api/calls?cpr=${MOHAMED}`, { cookie: agent });
    expect(mine.body.calls).toHaveLength(1);
    const today = await call(hub, 'GET', '/api/calls', { cookie: agent });
    expect(today.body.calls.map((c: any) => c.category)).toEqual(['other', 'application_status']);
    expect((await call(hub, 'GET', '/api/calls?day=2026-11-25', { cookie: agent })).body.calls).toEqual([]);
  });
});

describe('import from the ministry', () => {
  const CSV = [
    'kind,cpr,nameAr,nameEn,type,number,status,submittedDay,subject,reference,receivedDay',
    'application,900000001,محمد عبدالله الدوسري,Mohamed Abdulla Al-Dosari,housing unit,HA-2019-004512,approved,2019-06-01,,,',
    'application,800000001,سعاد حمد,Suad Hamad,housing loan,HL-2026-000001,submitted,2026-10-01,,,',
    'letter,800000001,سعاد حمد,Suad Hamad,,,received,,"Request for a site visit, urgent",L-2026-09001,2026-11-20',
    'application,12345,بدر,Badr,housing unit,HA-2026-000002,submitted,2026-10-01,,,',
    'application,800000002,بدر,Badr,housing unit,HA-2026-000003,lost,2026-02-30,,,',
    'letter,800000003,منى,Mona,,,received,,,L-2026-09002,2026-11-20',
    'application,800000004,هند,Hind,housing unit,HA-2019-004512,submitted,2026-10-01,,,',
    'memo,800000005,هند,Hind,,,,,,,',
    'application,800000006,هند,Hind',
  ].join('\r\n');

  it('imports good rows, reports bad rows with reasons, and a second import changes nothing', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const r = await call(hub, 'POST', '/api/import/applications', { cookie: sup, body: { format: 'csv', data: CSV } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ inserted: 2, updated: 1, unchanged: 0 });
    const reasons = Object.fromEntries(r.body.rejected.map((x: any) => [x.row, x.errors.join('; ')]));
    expect(Object.keys(reasons).map(Number)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(reasons[4]).toMatch(/cpr: CPR must be exactly 9 digits/);
    expect(reasons[5]).toMatch(/status/);
    expect(reasons[5]).toMatch(/submittedDay: not a calendar date/);
    expect(reasons[6]).toMatch(/subject/);
    expect(reasons[7]).toMatch(/belongs to another CPR \(900000001\)/);
    expect(reasons[8]).toMatch(/kind must be "application" or "letter"/);
    expect(reasons[9]).toMatch(/has 4 cells, the header has 11/);

    const agentView = await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: agent });
    expect(agentView.body.citizen.applications[0].history.map((h: any) => h.status)).toEqual(['submitted', 'under_review', 'approved']);
    expect(agentView.body.citizen.applications[0].submittedDay).toBe('2019-06-01');
    const suad = await call(hub, 'GET', '/api/citizens/800000001', { cookie: agent });
    expect(suad.body.citizen).toMatchObject({ nameEn: 'Suad Hamad', phone: null, iban: null });
    expect(suad.body.citizen.applications[0].history.map((h: any) => h.status)).toEqual(['submitted']);
    expect(suad.body.citizen.letters[0]).toMatchObject({ subject: 'Request for a site visit, urgent', reference: 'L-2026-09001' });
    expect((await call(hub, 'GET', '/api/citizens/800000002', { cookie: agent })).status).toBe(404);

    const tables = ['citizens', 'housing_applications', 'application_status_history', 'letters'];
    const before = tables.map(count);
    const again = await call(hub, 'POST', '/api/import/applications', { cookie: sup, body: { format: 'csv', data: CSV } });
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(again.body.rejected).toHaveLength(6);
    expect(tables.map(count)).toEqual(before);
  });

  it('takes the same rows as a JSON file or pushed, and rejects malformed files as a whole', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const rows = [
      {
        kind: 'application',
        cpr: '800000010',
        nameAr: 'جميلة',
        nameEn: 'Jamila',
        type: 'housing unit',
        number: 'HA-2026-000010',
        status: 'submitted',
        submittedDay: '2026-11-01',
      },
      {
        kind: 'letter',
        cpr: '800000010',
        nameAr: 'جميلة',
        nameEn: 'Jamila',
        subject: 'Missing documents',
        reference: 'L-2026-09010',
        status: 'received',
        receivedDay: '2026-11-02',
      },
      { kind: 'application', cpr: 800000011 },
    ];
    const file = await call(hub, 'POST', '/api/import/applications', { cookie: admin, body: { format: 'json', data: JSON.stringify(rows) } });
    expect(file.body, JSON.stringify(file.body)).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(file.body.rejected.map((x: any) => x.row)).toEqual([3]);
    const push = await call(hub, 'POST', '/api/import/applications', { cookie: admin, body: { rows: [{ ...rows[0], status: 'under_review' }, rows[1]] } });
    expect(push.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: [] });
    const rec = await call(hub, 'GET', '/api/citizens/800000010', { cookie: agent });
    expect(rec.body.citizen.applications[0].history.map((h: any) => h.status)).toEqual(['submitted', 'under_review']);

    for (const body of [
      { format: 'json', data: '{nope' },
      { format: 'csv', data: 'kind,cpr,colour\n' },
      { format: 'csv', data: 'cpr\n' },
    ]) {
      const bad = await call(hub, 'POST', '/api/import/applications', { cookie: admin, body });
      expect(bad.body.error?.code, JSON.stringify(body)).toBe('IMPORT_BAD_FILE');
    }
    expect(ImportRow.safeParse({ ...rows[0], extra: 'x' }).success).toBe(false);
  });

  it('accepts a large file (beyond the usual 64 kB) but not beyond its limit', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const header = 'kind,cpr,nameAr,nameEn,type,number,status,submittedDay,subject,reference,receivedDay';
    const lines = Array.from({ length: 2000 }, (_, i) => `application,${800100000 + i},اسم,Name ${i},housing unit,HB-${100000 + i},submitted,2026-01-01,,,`);
    const data = [header, ...lines].join('\n');
    expect(data.length).toBeGreaterThan(64_000);
    const r = await call(hub, 'POST', '/api/import/applications', { cookie: sup, body: { format: 'csv', data } });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body).toMatchObject({ inserted: 2000, rejected: [] });
    const huge = await call(hub, 'POST', '/api/import/applications', { cookie: sup, body: { format: 'csv', data: 'x'.repeat(2_000_001) } });
    expect(huge.status).toBe(400);
  });
});

describe('a first-time caller (not in the ministry’s registry yet)', () => {
  const NEW = '800000020';
  const bookNew = (body: Record<string, unknown>) =>
    call(hub, 'POST', '/api/appointments', {
      cookie: agent,
      body: { serviceId: 'update-details', day: '2026-11-29', time: '10:00', phone: '36111222', ...body },
    });

  it('is booked with one name and a mobile: the booking makes a provisional record, audited with the agent’s name', async () => {
    expect((await call(hub, 'GET', `/api/citizens/${NEW}`, { cookie: agent })).status).toBe(404);
    const nameless = await bookNew({ cpr: NEW });
    expect(nameless.status).toBe(400);
    const citizensBefore = count('citizens');
    const past = await bookNew({ cpr: '800000021', nameEn: 'Ali', day: '2026-11-25' });
    expect(past.body.error?.code).toBe('SLOT_IN_PAST');
    expect(count('citizens')).toBe(citizensBefore); // a refused booking leaves no record

    const r = await bookNew({ cpr: NEW, nameAr: 'فاطمة علي' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // The counter and the SMS address her by the one name given.
    expect(r.body.appointment).toMatchObject({ nameAr: 'فاطمة علي', nameEn: 'فاطمة علي', phone: '36111222' });
    const rec = await call(hub, 'GET', `/api/citizens/${NEW}`, { cookie: agent });
    expect(rec.status).toBe(200);
    expect(rec.body.citizen).toMatchObject({ cpr: NEW, nameAr: 'فاطمة علي', nameEn: '', phone: '36111222', registry: 'provisional', applications: [] });
    expect(rec.body.citizen.history).toEqual([
      expect.objectContaining({ field: 'created', oldValue: null, newValue: 'فاطمة علي · 36111222', actor: AGENT_NAME }),
    ]);

    // A second booking (another service) keeps the record as it is.
    const second = await bookNew({ cpr: NEW, nameAr: 'اسم آخر', serviceId: 'family-members', time: '11:10' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const again = await call(hub, 'GET', `/api/citizens/${NEW}`, { cookie: agent });
    expect(again.body.citizen).toMatchObject({ nameAr: 'فاطمة علي', registry: 'provisional' });
    expect(again.body.citizen.history).toHaveLength(1);
    // The ministry's citizens are registry records.
    expect((await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: agent })).body.citizen.registry).toBe('imported');
  });

  it('tells the slot picker which services the citizen already holds, by the rule that refuses a second booking', async () => {
    const none = await call(hub, 'GET', `/api/citizens/${NEW}/appointments`, { cookie: agent });
    expect(none.body.held).toEqual([]);
    const booked = (await bookNew({ cpr: NEW, nameEn: 'Fatima Ali' })).body.appointment;
    const r = await call(hub, 'GET', `/api/citizens/${NEW}/appointments`, { cookie: agent });
    expect(r.body.held).toEqual([
      { serviceId: 'update-details', appointmentId: booked.id, reference: booked.reference, day: '2026-11-29', slotStart: booked.slotStart },
    ]);
    expect((await bookNew({ cpr: NEW, nameEn: 'Fatima Ali', time: '11:00' })).body.error?.code).toBe('ALREADY_BOOKED');
    await call(hub, 'POST', `/api/appointments/${booked.id}/cancel`, { cookie: agent });
    expect((await call(hub, 'GET', `/api/citizens/${NEW}/appointments`, { cookie: agent })).body.held).toEqual([]);
  });

  it('is merged by a later import: the import’s names and phone win, the agent’s phone stays if it has none, the mark goes', async () => {
    await bookNew({ cpr: NEW, nameAr: 'فاطمة' });
    await bookNew({ cpr: '800000022', nameEn: 'Hassan', time: '10:15' });
    const sup = await login(hub, ...DEMO.supervisor);
    const row = { kind: 'application', type: 'housing unit', status: 'submitted', submittedDay: '2026-11-01' };
    const imported = await call(hub, 'POST', '/api/import/applications', {
      cookie: sup,
      body: {
        rows: [
          { ...row, cpr: NEW, nameAr: 'فاطمة علي حسن', nameEn: 'Fatima Ali Hasan', number: 'HA-2026-000020' },
          { ...row, cpr: '800000022', nameAr: 'حسن جاسم', nameEn: 'Hassan Jasim', phone: '39998888', number: 'HA-2026-000022' },
          { ...row, cpr: MOHAMED, nameAr: 'محمد عبدالله الدوسري', nameEn: 'Mohamed Abdulla Al-Dosari', phone: '39990000', number: 'HA-2026-000023' },
        ],
      },
    });
    expect(imported.body, JSON.stringify(imported.body)).toMatchObject({ inserted: 3, rejected: [] });

    const fatima = (await call(hub, 'GET', `/api/citizens/${NEW}`, { cookie: agent })).body.citizen;
    expect(fatima).toMatchObject({ nameAr: 'فاطمة علي حسن', nameEn: 'Fatima Ali Hasan', phone: '36111222', registry: 'imported' });
    expect(fatima.applications.map((a: any) => a.number)).toEqual(['HA-2026-000020']);
    expect(fatima.history[0]).toMatchObject({
      field: 'merged',
      oldValue: 'فاطمة · 36111222',
      newValue: 'فاطمة علي حسن / Fatima Ali Hasan · 36111222',
      actor: 'أحمد المناعي / Ahmed Al-Mannai',
    });
    const hassan = (await call(hub, 'GET', '/api/citizens/800000022', { cookie: agent })).body.citizen;
    expect(hassan).toMatchObject({ nameEn: 'Hassan Jasim', phone: '39998888', registry: 'imported' });
    // A registry citizen's phone is the hall's (agents change it, audited): an import does not overwrite it.
    expect((await call(hub, 'GET', `/api/citizens/${MOHAMED}`, { cookie: agent })).body.citizen.phone).toBe('36123457');
  });
});
