// What goes on a printed ticket, and the bilingual wording of every line. The raster renderer
// (render/) and the optional code-page text mode (escpos.ts) both print these same strings.

export interface TicketPrint {
  hallName: { ar: string; en: string };
  /** The number the citizen is called by, e.g. "B-012". */
  ticketLabel: string;
  kind: 'appointment' | 'walkin';
  /** A walk-in's priority category ('none' prints nothing). */
  priority: 'none' | 'elderly' | 'disability' | 'pregnancy';
  /** An appointment's slot start (epoch ms), printed beside the kind; null for walk-ins. */
  slotStart: number | null;
  serviceNameAr: string;
  serviceNameEn: string;
  /** Epoch ms. Printed in `timeZone`. */
  issuedAt: number;
  /** IANA zone of the hall, e.g. "Asia/Bahrain". */
  timeZone: string;
  peopleAhead: number;
  /** Minutes; null when unknown (no counter open for the service yet). */
  estimatedWaitMin: number | null;
  /** Absolute URL of the citizen's status page, encoded in the QR. */
  statusUrl: string;
  footer: { ar: string; en: string };
}

/** One label in both languages. */
export interface Pair {
  ar: string;
  en: string;
}

/** Every line of a ticket, worded, in both languages. */
export interface TicketWording {
  hall: Pair;
  number: string;
  kind: Pair;
  /** The priority category, or null for none. */
  priority: Pair | null;
  service: Pair;
  date: Pair;
  time: Pair;
  ahead: Pair;
  wait: Pair;
  qrCaption: Pair;
  footer: Pair;
}

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** 0-9 → ٠-٩ (Arabic-Indic digits, as used on Arabic lines in the Gulf). */
export const arabicDigits = (s: string | number): string => String(s).replace(/[0-9]/g, (d) => ARABIC_DIGITS[Number(d)]!);

const PRIORITIES: Record<Exclude<TicketPrint['priority'], 'none'>, Pair> = {
  elderly: { ar: 'أولوية: كبار السن', en: 'Priority: elderly' },
  disability: { ar: 'أولوية: ذوو الإعاقة', en: 'Priority: disability' },
  pregnancy: { ar: 'أولوية: الحوامل', en: 'Priority: pregnancy' },
};

/** "دقيقة" agrees with the number: 3–10 take the plural "دقائق". */
const minutesAr = (n: number) => (n >= 3 && n <= 10 ? 'دقائق' : 'دقيقة');

// Building an Intl.DateTimeFormat costs ~70 µs (formatting with one, a few µs): one set per time
// zone (a hub has one), so a ticket does not pay for three of them.
const formatters = new Map<string, { dateEn: Intl.DateTimeFormat; dateAr: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = {
      dateEn: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      dateAr: new Intl.DateTimeFormat('ar-BH-u-nu-arab', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    if (formatters.size >= 16) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** "Walk-in", or "Appointment 10:30" with the slot's time. */
function kindOf(t: TicketPrint, time: Intl.DateTimeFormat): Pair {
  if (t.kind === 'walkin') return { ar: 'بدون موعد', en: 'Walk-in' };
  if (t.slotStart === null) return { ar: 'موعد', en: 'Appointment' };
  const slot = time.format(new Date(t.slotStart));
  return { ar: `موعد الساعة ${arabicDigits(slot)}`, en: `Appointment ${slot}` };
}

export function ticketWording(t: TicketPrint): TicketWording {
  const at = new Date(t.issuedAt);
  const f = formattersFor(t.timeZone);
  const dateEn = f.dateEn.format(at);
  const dateAr = f.dateAr.format(at);
  const time = f.time.format(at);

  const n = Math.max(0, Math.round(t.peopleAhead));
  const ahead: Pair = n === 0 ? { ar: 'دورك التالي', en: 'You are next' } : { ar: `أمامك ${arabicDigits(n)}`, en: `${n} ahead` };

  const w = t.estimatedWaitMin;
  let wait: Pair;
  if (w === null || !Number.isFinite(w)) wait = { ar: 'الانتظار المتوقع —', en: 'Est. wait —' };
  else if (w < 1) wait = { ar: 'الانتظار المتوقع أقل من دقيقة', en: 'Est. wait < 1 min' };
  else {
    const m = Math.round(w);
    wait = { ar: `الانتظار المتوقع ~${arabicDigits(m)} ${minutesAr(m)}`, en: `Est. wait ~${m} min` };
  }

  return {
    hall: t.hallName,
    number: t.ticketLabel,
    kind: kindOf(t, f.time),
    priority: t.priority === 'none' ? null : PRIORITIES[t.priority],
    service: { ar: t.serviceNameAr, en: t.serviceNameEn },
    date: { ar: dateAr, en: dateEn },
    time: { ar: arabicDigits(time), en: time },
    ahead,
    wait,
    qrCaption: { ar: 'تابع دورك', en: 'Follow your turn' },
    footer: t.footer,
  };
}

/** A realistic ticket for test prints (installers' `npm run print-test`, the supervisor's test print). */
export function sampleTicket(overrides: Partial<TicketPrint> = {}): TicketPrint {
  return {
    hallName: { ar: 'وزارة الإسكان — قاعة خدمة العملاء', en: 'Ministry of Housing — Customer Service Hall' },
    ticketLabel: 'B-007',
    kind: 'walkin',
    priority: 'none',
    slotStart: null,
    serviceNameAr: 'طلب إسكاني جديد',
    serviceNameEn: 'New housing application',
    issuedAt: Date.UTC(2026, 10, 26, 7, 35), // Thu 26 Nov 2026, 10:35 in Bahrain
    timeZone: 'Asia/Bahrain',
    peopleAhead: 5,
    estimatedWaitMin: 12,
    statusUrl: 'http://192.168.1.10:8080/t/demo-7Hq2xK9mP4wZ',
    footer: { ar: 'للحجز اتصل على الخط الساخن 80008001 أو 17582288', en: 'To book a visit call the hotline 80008001 or 17582288' },
    ...overrides,
  };
}
