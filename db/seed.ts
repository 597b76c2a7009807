// First-run data. A real hall (DOR_DEMO=0) starts with the settings defaults and the Ministry of
// Housing's services only, editable in the console; its first admin comes through the setup link.
// The demo hall adds counters, staff, hours, devices and a day of bookings for today, so
// `npm start` shows a working hall at once.
import { hash } from '@node-rs/argon2';
import { makeIban } from '../protocol/citizens.ts';
import { type Counter, DEFAULT_SETTINGS, type Role, type Service } from '../protocol/domain.ts';
import * as cit from './repos/citizens.ts';
import { localDay, localInstant } from '../engine/time.ts';
import { type Db, transaction } from './client.ts';
import { makeReference } from '../protocol/reference.ts';
import { newPageToken } from './repos/appointments.ts';
import {
  createDevice,
  createUser,
  insertCounter,
  insertService,
  isEmpty,
  replaceAppointmentSchedule,
  replaceOpeningHours,
  saveDemoDevices,
  saveKioskPinHash,
  saveSettings,
  upsertAppointment,
  upsertHoliday,
} from './repos/index.ts';

/** Demo staff accounts (documented in the README; change them before real use). */
export const DEMO_USERS: ReadonlyArray<{ username: string; password: string; role: Role; displayName: string }> = [
  { username: 'admin', password: 'admin123', role: 'admin', displayName: 'فاطمة الخليفة / Fatima Al-Khalifa' },
  { username: 'supervisor', password: 'super123', role: 'supervisor', displayName: 'أحمد المناعي / Ahmed Al-Mannai' },
  { username: 'agent', password: 'agent123', role: 'callcenter', displayName: 'نورة الدوسري / Noora Al-Dosari' },
  { username: 'counter1', password: 'counter123', role: 'counter', displayName: 'علي حسن / Ali Hasan' },
  { username: 'counter2', password: 'counter123', role: 'counter', displayName: 'مريم العلوي / Maryam Al-Alawi' },
];

/** The services of a Ministry of Housing customer-service hall: every new hall starts with them. */
export const MINISTRY_SERVICES: readonly Service[] = [
  {
    id: 'new-application',
    nameAr: 'طلب إسكاني جديد',
    nameEn: 'New housing application',
    prefix: 'B',
    defaultDurationMin: 20,
    slotMinutes: 20,
    bookable: true,
    kioskVisible: true,
    sortOrder: 1,
    icon: 'home',
    colour: '#1f6f8b',
    active: true,
    bringAr: 'البطاقة الذكية لمقدّم الطلب وللزوج أو الزوجة، وعقد الزواج، وشهادة الراتب الحديثة.',
    bringEn: 'The smart ID cards of the applicant and spouse, the marriage contract and a recent salary certificate.',
  },
  {
    id: 'application-inquiry',
    nameAr: 'الاستفسار عن طلب إسكاني',
    nameEn: 'Inquiry about a housing application',
    prefix: 'C',
    defaultDurationMin: 10,
    slotMinutes: 15,
    bookable: true,
    kioskVisible: true,
    sortOrder: 2,
    icon: 'search',
    colour: '#6a4c93',
    active: true,
    bringAr: 'البطاقة الذكية ورقم الطلب الإسكاني إن وُجد.',
    bringEn: 'Your smart ID card and the housing application number if you have it.',
  },
  {
    id: 'update-details',
    nameAr: 'تحديث بيانات الاتصال والعنوان والحساب البنكي',
    nameEn: 'Update contact, address and bank details',
    prefix: 'D',
    defaultDurationMin: 15,
    slotMinutes: 15,
    bookable: true,
    kioskVisible: true,
    sortOrder: 3,
    icon: 'id-card',
    colour: '#b5651d',
    active: true,
    bringAr: 'البطاقة الذكية والمستندات التي تثبت البيانات الجديدة (شهادة راتب، عقد زواج، شهادة ميلاد…).',
    bringEn: 'Your smart ID card and papers proving the new details (salary certificate, marriage contract, birth certificate…).',
  },
  {
    id: 'family-members',
    nameAr: 'تسجيل أفراد الأسرة',
    nameEn: 'Register family members',
    prefix: 'E',
    defaultDurationMin: 15,
    slotMinutes: 20,
    bookable: true,
    kioskVisible: true,
    sortOrder: 4,
    icon: 'users',
    colour: '#2e7d32',
    active: true,
    bringAr: 'البطاقات الذكية لأفراد الأسرة وشهادات الميلاد أو عقد الزواج.',
    bringEn: 'The family members’ smart ID cards and their birth certificates or the marriage contract.',
  },
  {
    id: 'letter-follow-up',
    nameAr: 'متابعة رسالة أو مراسلة',
    nameEn: 'Follow up a letter or correspondence',
    prefix: 'F',
    defaultDurationMin: 10,
    slotMinutes: 15,
    bookable: true,
    kioskVisible: true,
    sortOrder: 5,
    icon: 'mail',
    colour: '#a23b4f',
    active: true,
    bringAr: 'البطاقة الذكية والرسالة أو رقمها.',
    bringEn: 'Your smart ID card and the letter or its number.',
  },
];

const DEMO_COUNTERS: readonly Counter[] = [1, 2, 3, 4, 5, 6].map((number) => ({
  number,
  mode: number <= 2 ? 'appointment' : 'general',
  serviceIds: [],
  open: false,
  userId: null,
  paused: false,
  pauseReason: null,
  currentTicketId: null,
  nameAr: '',
  nameEn: '',
  active: true,
}));

const WORKING_DAYS = [0, 1, 2, 3, 4]; // Sunday … Thursday
const APPOINTMENTS_START = '07:30';
const APPOINTMENTS_END = '13:30';
const DEMO_SLOT_MINUTES = 20;

/**
 * Today's demo bookings. `slot` is the index of a 20-minute slot from 07:30 (07:30, 07:50, 08:10, …, 13:10);
 * at most 2 per slot (2 appointment counters), and every half hour from 07:30 to 13:30 has a booking.
 * Slots off the quarter-hour grid (index not a multiple of 3) only use services with 20-minute slots.
 *
 * Demo CPRs: 900000001 … 900000016, in this order (900000001 = Mohamed Abdulla Al-Dosari at 07:30).
 */
const DEMO_BOOKINGS: ReadonlyArray<{ slot: number; serviceId: string; nameAr: string; nameEn: string; phone: string; notes: string }> = [
  { slot: 0, serviceId: 'new-application', nameAr: 'محمد عبدالله الدوسري', nameEn: 'Mohamed Abdulla Al-Dosari', phone: '36123457', notes: '' },
  {
    slot: 0,
    serviceId: 'application-inquiry',
    nameAr: 'فاطمة علي المحروس',
    nameEn: 'Fatema Ali Al-Mahroos',
    phone: '33451208',
    notes: 'تستفسر عن موعد التخصيص',
  },
  { slot: 2, serviceId: 'family-members', nameAr: 'أحمد يوسف بوحجي', nameEn: 'Ahmed Yusuf Buhiji', phone: '39874512', notes: 'مولود جديد' },
  {
    slot: 3,
    serviceId: 'update-details',
    nameAr: 'زينب حسن العريبي',
    nameEn: 'Zainab Hasan Al-Oraibi',
    phone: '34015566',
    notes: 'تحديث رقم الحساب البنكي (IBAN)',
  },
  { slot: 5, serviceId: 'new-application', nameAr: 'خالد إبراهيم الجودر', nameEn: 'Khalid Ebrahim Al-Jowder', phone: '36677820', notes: '' },
  {
    slot: 6,
    serviceId: 'letter-follow-up',
    nameAr: 'مريم جاسم الكوهجي',
    nameEn: 'Maryam Jasim Al-Kooheji',
    phone: '33900417',
    notes: 'رسالة مرسلة الشهر الماضي',
  },
  { slot: 7, serviceId: 'family-members', nameAr: 'حسين عيسى المرزوق', nameEn: 'Hussain Isa Al-Marzooq', phone: '39102233', notes: '' },
  { slot: 8, serviceId: 'new-application', nameAr: 'نورة خليفة البنعلي', nameEn: 'Noora Khalifa Al-Binali', phone: '36550981', notes: '' },
  { slot: 9, serviceId: 'application-inquiry', nameAr: 'عبدالرحمن سلمان الذوادي', nameEn: 'Abdulrahman Salman Al-Thawadi', phone: '34228790', notes: '' },
  {
    slot: 11,
    serviceId: 'new-application',
    nameAr: 'شيخة راشد الزياني',
    nameEn: 'Shaikha Rashid Al-Zayani',
    phone: '33187654',
    notes: 'تسأل عن خيارات التمويل',
  },
  { slot: 11, serviceId: 'family-members', nameAr: 'يوسف محمد فخرو', nameEn: 'Yousif Mohamed Fakhro', phone: '39445102', notes: '' },
  {
    slot: 12,
    serviceId: 'update-details',
    nameAr: 'ليلى عبدالحسين الشهابي',
    nameEn: 'Layla Abdulhusain Al-Shehabi',
    phone: '36019874',
    notes: 'تغيير العنوان',
  },
  { slot: 14, serviceId: 'new-application', nameAr: 'جاسم أحمد المسلم', nameEn: 'Jasim Ahmed Al-Musallam', phone: '34770315', notes: '' },
  { slot: 15, serviceId: 'letter-follow-up', nameAr: 'هدى منصور القصاب', nameEn: 'Huda Mansoor Al-Qassab', phone: '33612248', notes: '' },
  { slot: 17, serviceId: 'family-members', nameAr: 'سلمان عبدالعزيز كانو', nameEn: 'Salman Abdulaziz Kanoo', phone: '39236641', notes: '' },
  { slot: 17, serviceId: 'new-application', nameAr: 'أمينة صالح الحداد', nameEn: 'Amina Saleh Al-Haddad', phone: '36908127', notes: 'أول زيارة' },
];

export const DEMO_CPRS: readonly string[] = DEMO_BOOKINGS.map((_, i) => String(900000001 + i));

function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The PIN staff type to leave kiosk mode in the demo. */
export const DEMO_KIOSK_PIN = '1234';

/** What every hall starts with: the settings defaults (in `timeZone`) and the ministry's services. */
function seedHallDefaults(db: Db, timeZone: string): void {
  saveSettings(db, { ...structuredClone(DEFAULT_SETTINGS), timeZone });
  for (const s of MINISTRY_SERVICES) insertService(db, s);
}

/**
 * Seeds a real hall into an empty database (throws otherwise): settings defaults and the ministry's
 * services, no users, counters, devices, bookings or citizens.
 */
export function seedDefaults(db: Db): void {
  transaction(db, () => {
    if (!isEmpty(db)) throw new Error('seedDefaults: the database is not empty');
    seedHallDefaults(db, DEFAULT_SETTINGS.timeZone);
  });
}

/**
 * Seeds the demo hall into an empty database (throws otherwise). Passwords are hashed first, then
 * everything is written in one transaction. Today's bookings use the local date of `now` in
 * `opts.timeZone` (default Asia/Bahrain), which also becomes the settings' time zone. The demo kiosk and
 * display are also recorded with `saveDemoDevices`.
 */
export async function seedDemo(db: Db, now: number, opts: { timeZone?: string } = {}): Promise<{ demoDeviceIds: { kiosk: number; display: number } }> {
  if (!isEmpty(db)) throw new Error('seedDemo: the database is not empty');
  const timeZone = opts.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const hashes = await Promise.all(DEMO_USERS.map((u) => hash(u.password)));
  const pinHash = await hash(DEMO_KIOSK_PIN);
  const today = localDay(now, timeZone);
  const serviceById = new Map(MINISTRY_SERVICES.map((s) => [s.id, s]));

  return transaction(db, () => {
    if (!isEmpty(db)) throw new Error('seedDemo: the database is not empty');
    seedHallDefaults(db, timeZone);
    for (const c of DEMO_COUNTERS) insertCounter(db, c);
    DEMO_USERS.forEach((u, i) => {
      createUser(db, { username: u.username, displayName: u.displayName, role: u.role, passwordHash: hashes[i]!, demoPassword: true, createdAt: now });
    });
    replaceOpeningHours(
      db,
      WORKING_DAYS.map((weekday) => ({ weekday, opens: '07:00', closes: '14:00' })),
    );
    replaceAppointmentSchedule(
      db,
      WORKING_DAYS.map((weekday) => ({
        weekday,
        startTime: APPOINTMENTS_START,
        endTime: APPOINTMENTS_END,
        counters: 2,
      })),
    );
    upsertHoliday(db, { day: '2026-12-16', nameAr: 'العيد الوطني', nameEn: 'National Day' });
    upsertHoliday(db, { day: '2026-12-17', nameAr: 'عطلة العيد الوطني', nameEn: 'National Day holiday' });
    const kiosk = createDevice(db, 'kiosk', 'Demo kiosk', now, { printer: 'virtual', pairedAt: now });
    const display = createDevice(db, 'display', 'Demo display', now, { printer: null, pairedAt: now });

    DEMO_BOOKINGS.forEach((b, i) => {
      const service = serviceById.get(b.serviceId)!;
      const start = addMinutes(APPOINTMENTS_START, b.slot * DEMO_SLOT_MINUTES);
      const slotStart = localInstant(today, start, timeZone);
      const reference = makeReference(i + 1);
      upsertAppointment(db, {
        // Not the reference: public screens see appointment ids, and a reference lets its holder check in.
        id: `appt-demo-${i + 1}`,
        reference,
        serviceId: service.id,
        day: today,
        slotStart,
        slotEnd: slotStart + service.slotMinutes * 60_000,
        status: 'booked',
        cpr: DEMO_CPRS[i]!,
        phone: b.phone,
        nameAr: b.nameAr,
        nameEn: b.nameEn,
        notes: b.notes,
        ticketId: null,
        pageToken: newPageToken(),
        createdAt: now,
        createdBy: 'seed',
      });
    });
    seedCitizens(db, now);
    saveDemoDevices(db, { kiosk, display });
    saveKioskPinHash(db, pinHash);
    return { demoDeviceIds: { kiosk, display } };
  });
}

const DAY_MS = 86_400_000;

/**
 * The demo citizens' records (what the ministry's import would bring, plus details agents keep):
 * every demo CPR with the names and phone of its booking; 900000001–900000004 with addresses,
 * IBANs, family members, applications with status histories and letters.
 */
function seedCitizens(db: Db, now: number): void {
  const ago = (days: number) => now - days * DAY_MS;
  const dayAgo = (days: number) => new Date(ago(days)).toISOString().slice(0, 10);
  DEMO_BOOKINGS.forEach((b, i) => {
    cit.insertCitizen(db, { cpr: DEMO_CPRS[i]!, nameAr: b.nameAr, nameEn: b.nameEn, phone: b.phone, address: null, iban: null, updatedAt: ago(30) });
  });
  const [mohamed, fatema, ahmed, zainab] = DEMO_CPRS as [string, string, string, string];
  cit.updateCitizen(db, mohamed, { address: 'Flat 12, Building 2045, Road 3321, Block 333, Manama', iban: makeIban('BH', 'NBOB00000012345678') });
  cit.updateCitizen(db, fatema, { address: 'House 118, Road 4105, Block 541, Budaiya', iban: makeIban('BH', 'BBKU00100000987654') });
  cit.updateCitizen(db, ahmed, { address: 'House 7, Road 2410, Block 924, Riffa' });
  cit.updateCitizen(db, zainab, { address: 'Flat 3, Building 880, Road 1512, Block 715, Sitra', iban: makeIban('BH', 'BMAG00001299123456') });

  const family: [string, string, string, string, string | null][] = [
    [mohamed, 'مريم حسن الدوسري / Mariam Hasan Al-Dosari', 'spouse', '1990-04-12', '900100001'],
    [mohamed, 'عبدالله محمد الدوسري / Abdulla Mohamed Al-Dosari', 'son', '2016-09-03', '900100002'],
    [ahmed, 'سلمى عيسى بوحجي / Salma Isa Buhiji', 'spouse', '1994-01-20', '900100003'],
    [ahmed, 'ريم أحمد بوحجي / Reem Ahmed Buhiji', 'daughter', dayAgo(20), null],
  ];
  for (const [cpr, name, relation, dateOfBirth, memberCpr] of family) {
    cit.insertFamilyMember(db, { cpr, name, relation, dateOfBirth, memberCpr, createdAt: ago(30) });
  }

  const applications: [string, string, string, string, [string, number][]][] = [
    [
      mohamed,
      'housing unit',
      'HA-2019-004512',
      dayAgo(2400),
      [
        ['submitted', 2400],
        ['under_review', 900],
      ],
    ],
    [
      fatema,
      'housing loan',
      'HL-2021-018833',
      dayAgo(1500),
      [
        ['submitted', 1500],
        ['under_review', 700],
        ['documents_required', 200],
        ['approved', 25],
      ],
    ],
    [ahmed, 'housing unit', 'HA-2023-009177', dayAgo(600), [['submitted', 600]]],
  ];
  for (const [cpr, type, number, submittedDay, history] of applications) {
    const status = history.at(-1)![0];
    const id = cit.insertApplication(db, { cpr, type, number, status, submittedDay, updatedAt: ago(history.at(-1)![1]) });
    for (const [s, days] of history) cit.appendApplicationStatus(db, id, s, ago(days));
  }
  cit.insertLetter(db, {
    cpr: mohamed,
    subject: 'Request to update the application with a new family member',
    reference: 'L-2026-00871',
    receivedDay: dayAgo(40),
    status: 'in_progress',
    updatedAt: ago(10),
  });
  cit.insertLetter(db, {
    cpr: fatema,
    subject: 'Housing loan approval notice',
    reference: 'L-2026-01022',
    receivedDay: dayAgo(25),
    status: 'answered',
    updatedAt: ago(20),
  });
}
