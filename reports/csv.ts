// One table of a report as CSV, for Excel: UTF-8 with a byte-order mark (or Excel shows Arabic as
// mojibake), headings in the reader's language, services named in both. Shares are percentages.
import { stringify } from 'csv-stringify/sync';
import type { SatisfactionRow } from '../protocol/feedback.ts';
import type { Kpis, MinuteStats, Report, ReportTable } from '../protocol/reports.ts';

type Lang = 'ar' | 'en';
type Cell = string | number | null;

const BOM = '\uFEFF';
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

const WEEKDAYS: Record<Lang, string[]> = {
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const WORDS = {
  day: ['اليوم', 'Day'],
  tickets: ['التذاكر', 'Tickets'],
  served: ['تمت خدمتهم', 'Served'],
  medianWait: ['وسيط الانتظار (دقيقة)', 'Median wait (min)'],
  p90Wait: ['انتظار 90٪ (دقيقة)', 'p90 wait (min)'],
  serviceLevel: ['مستوى الخدمة (٪)', 'Service level (%)'],
  peakWaiting: ['أعلى عدد منتظرين', 'Peak waiting'],
  serviceAr: ['الخدمة (عربي)', 'Service (Arabic)'],
  serviceEn: ['الخدمة (إنجليزي)', 'Service (English)'],
  allServices: ['كل الخدمات', 'All services'],
  targetMinutes: ['الهدف (دقيقة)', 'Target (min)'],
  called: ['نودي عليهم', 'Called'],
  within: ['ضمن الهدف (٪)', 'Within target (%)'],
  overHour: ['أكثر من ساعة (٪)', 'Over an hour (%)'],
  kind: ['النوع', 'Kind'],
  measure: ['المقياس', 'Measure'],
  count: ['العدد', 'Count'],
  mean: ['المتوسط (دقيقة)', 'Mean (min)'],
  median: ['الوسيط (دقيقة)', 'Median (min)'],
  p90: ['90٪ (دقيقة)', 'p90 (min)'],
  max: ['الأقصى (دقيقة)', 'Max (min)'],
  wait: ['الانتظار', 'Wait'],
  serviceTime: ['مدة الخدمة', 'Service time'],
  all: ['الكل', 'All'],
  appointment: ['المواعيد', 'Appointments'],
  walkin: ['بدون موعد', 'Walk-ins'],
  time: ['الوقت', 'Time'],
  arrivals: ['الوافدون', 'Arrivals'],
  waiting: ['المنتظرون', 'Waiting'],
  peak: ['الذروة', 'Peak'],
  backlog: ['المتبقون', 'Backlog'],
  weekday: ['يوم الأسبوع', 'Weekday'],
  hour: ['الساعة', 'Hour'],
  value: ['القيمة', 'Value'],
  booked: ['محجوزة', 'Booked'],
  kept: ['حضروا', 'Kept'],
  lateConverted: ['تأخروا فحُوّلوا', 'Late, converted'],
  noShow: ['لم يحضروا', 'No-show'],
  cancelled: ['ملغاة', 'Cancelled'],
  keptRate: ['نسبة الحضور (٪)', 'Kept rate (%)'],
  noShowRate: ['نسبة عدم الحضور (٪)', 'No-show rate (%)'],
  cancelRate: ['نسبة الإلغاء (٪)', 'Cancellation rate (%)'],
  lateness: ['التأخر عند الحضور (دقيقة)', 'Lateness at check-in (min)'],
  leadDays: ['أيام الحجز المسبق', 'Days booked ahead'],
  punctuality: ['دقة القاعة: النداء − بداية الموعد (دقيقة)', 'Hall punctuality: first call − slot (min)'],
  counter: ['الكاونتر', 'Counter'],
  staff: ['الموظف', 'Staff member'],
  calls: ['النداءات', 'Calls'],
  avgService: ['متوسط الخدمة (دقيقة)', 'Avg service (min)'],
  openMin: ['مفتوح (دقيقة)', 'Open (min)'],
  servingMin: ['يخدم (دقيقة)', 'Serving (min)'],
  pausedMin: ['متوقف (دقيقة)', 'Paused (min)'],
  idleMin: ['خامل (دقيقة)', 'Idle (min)'],
  recalls: ['إعادة النداء', 'Recalls'],
  transfers: ['التحويلات', 'Transfers'],
  noShows: ['لم يحضروا', 'No-shows'],
  outcomes: ['النتائج', 'Outcomes'],
  kpi: ['المؤشر', 'KPI'],
  before: ['قبل', 'Before'],
  after: ['بعد', 'After'],
  difference: ['الفرق', 'Difference'],
  days: ['الأيام', 'Days'],
  ticketsPerDay: ['تذاكر في اليوم', 'Tickets per day'],
  medianServiceTime: ['وسيط مدة الخدمة (دقيقة)', 'Median service time (min)'],
  estimateError: ['خطأ التقدير (دقيقة)', 'Estimate error (min)'],
  meanAbsError: ['متوسط الخطأ المطلق (دقيقة)', 'Mean absolute error (min)'],
  within5: ['ضمن ±5 دقائق (٪)', 'Within ±5 min (%)'],
  meanError: ['متوسط الفرق: الفعلي − الموعود (دقيقة)', 'Mean error: real − promised (min)'],
  group: ['المجموعة', 'Group'],
  name: ['الاسم', 'Name'],
  answers: ['الإجابات', 'Answers'],
  meanRating: ['متوسط التقييم (1–5)', 'Mean rating (1–5)'],
  satisfied: ['راضون: 4 أو 5 (٪)', 'Satisfied: 4 or 5 (%)'],
  rating1: ['تقييم 1', 'Rating 1'],
  rating2: ['تقييم 2', 'Rating 2'],
  rating3: ['تقييم 3', 'Rating 3'],
  rating4: ['تقييم 4', 'Rating 4'],
  rating5: ['تقييم 5', 'Rating 5'],
  service: ['الخدمة', 'Service'],
} as const satisfies Record<string, readonly [string, string]>;
type Word = keyof typeof WORDS;

const KPI_ROWS: readonly [Word, (k: Kpis) => number | null, boolean][] = [
  ['days', (k) => k.days, false],
  ['tickets', (k) => k.tickets, false],
  ['ticketsPerDay', (k) => k.ticketsPerDay, false],
  ['served', (k) => k.served, false],
  ['medianWait', (k) => k.medianWait, false],
  ['p90Wait', (k) => k.p90Wait, false],
  ['serviceLevel', (k) => k.serviceLevel, true],
  ['overHour', (k) => k.overHour, true],
  ['medianServiceTime', (k) => k.medianServiceTime, false],
  ['peakWaiting', (k) => k.peakWaiting, false],
  ['noShowRate', (k) => k.noShowRate, true],
  ['estimateError', (k) => k.estimateError, false],
];

/** The rows of one table: a heading row of word keys, then the values. */
function table(r: Report, t: ReportTable, lang: Lang): { head: Word[]; rows: Cell[][] } {
  const w = (k: Word) => WORDS[k][lang === 'ar' ? 0 : 1];
  const service = (id: string) => r.services.find((s) => s.id === id);
  const stats = (s: MinuteStats): Cell[] => [s.count, s.mean, s.median, s.p90, s.max];
  const counterCells = (c: Omit<Report['counters'][number], 'counter'>): Cell[] => [
    c.served,
    c.calls,
    c.avgServiceMin,
    c.openMin,
    c.servingMin,
    c.pausedMin,
    c.idleMin,
    c.recalls,
    c.transfers,
    c.noShows,
    Object.entries(c.outcomes)
      .map(([code, n]) => `${code}: ${n}`)
      .join('; '),
  ];
  const counterHead: Word[] = ['served', 'calls', 'avgService', 'openMin', 'servingMin', 'pausedMin', 'idleMin', 'recalls', 'transfers', 'noShows', 'outcomes'];
  switch (t) {
    case 'daily':
      return {
        head: ['day', 'tickets', 'served', 'medianWait', 'p90Wait', 'serviceLevel', 'peakWaiting'],
        rows: r.daily.map((d) => [d.day, d.tickets, d.served, d.medianWait, d.p90Wait, pct(d.serviceLevel), d.peakWaiting]),
      };
    case 'service-level':
      return {
        head: ['serviceAr', 'serviceEn', 'targetMinutes', 'called', 'within', 'overHour'],
        rows: [
          [
            WORDS.allServices[0],
            WORDS.allServices[1],
            r.serviceLevel.targetMinutes,
            r.serviceLevel.called,
            pct(r.serviceLevel.within),
            pct(r.serviceLevel.overHour),
          ],
          ...r.serviceLevel.perService.map((s) => [
            service(s.serviceId)?.nameAr ?? s.serviceId,
            service(s.serviceId)?.nameEn ?? s.serviceId,
            s.targetMinutes,
            s.called,
            pct(s.within),
            pct(s.overHour),
          ]),
        ],
      };
    case 'wait':
      return {
        head: ['measure', 'kind', 'count', 'mean', 'median', 'p90', 'max'],
        rows: (['wait', 'serviceTime'] as const).flatMap((m) => (['all', 'appointment', 'walkin'] as const).map((k) => [w(m), w(k), ...stats(r[m][k])])),
      };
    case 'crowding':
      return { head: ['time', 'arrivals', 'waiting', 'peak', 'backlog'], rows: r.crowding.map((c) => [c.time, c.arrivals, c.waiting, c.peak, c.backlog]) };
    case 'heatmap':
      return { head: ['weekday', 'hour', 'arrivals', 'waiting'], rows: r.heatmap.map((h) => [WEEKDAYS[lang][h.weekday]!, h.hour, h.arrivals, h.waiting]) };
    case 'appointments': {
      const a = r.appointments;
      const statRows = (k: Word, s: MinuteStats): Cell[][] =>
        (['count', 'mean', 'median', 'p90', 'max'] as const).map((m, i) => [`${w(k)} — ${w(m)}`, stats(s)[i]!]);
      return {
        head: ['measure', 'value'],
        rows: [
          [w('booked'), a.booked],
          [w('kept'), a.kept],
          [w('lateConverted'), a.lateConverted],
          [w('noShow'), a.noShow],
          [w('cancelled'), a.cancelled],
          [w('keptRate'), pct(a.keptRate)],
          [w('noShowRate'), pct(a.noShowRate)],
          [w('cancelRate'), pct(a.cancelRate)],
          ...statRows('lateness', a.lateness),
          [`${w('leadDays')} — ${w('median')}`, a.leadDays.median],
          ...a.leadDays.buckets.map((b): Cell[] => [`${w('leadDays')}: ${b.label}`, b.count]),
          ...statRows('punctuality', a.punctuality),
        ],
      };
    }
    case 'counters':
      return { head: ['counter', ...counterHead], rows: r.counters.map((c) => [c.counter, ...counterCells(c)]) };
    case 'staff':
      return { head: ['staff', ...counterHead], rows: r.staff.map((s) => [s.name, ...counterCells(s)]) };
    case 'pilot': {
      const p = r.pilot;
      return {
        head: ['kpi', 'appointment', 'walkin', 'before', 'after', 'difference'],
        rows: KPI_ROWS.map(([k, get, isShare]) => {
          const v = (x: Kpis | null) => (x === null ? null : isShare ? pct(get(x)) : get(x));
          const before = v(p.before);
          const after = v(p.after);
          const diff = before === null || after === null ? null : Math.round((after - before) * 10) / 10;
          return [w(k), v(p.appointment), v(p.walkin), before, after, diff];
        }),
      };
    }
    case 'satisfaction': {
      const s = r.satisfaction;
      const cells = (x: SatisfactionRow): Cell[] => [x.answers, x.mean, pct(x.satisfied), ...x.ratings];
      const serviceName = (id: string) => {
        const found = service(id);
        return found ? `${found.nameAr} — ${found.nameEn}` : id;
      };
      return {
        head: ['group', 'name', 'answers', 'meanRating', 'satisfied', 'rating1', 'rating2', 'rating3', 'rating4', 'rating5'],
        rows: [
          [w('all'), w('allServices'), ...cells(s.all)],
          [w('kind'), w('appointment'), ...cells(s.byKind.appointment)],
          [w('kind'), w('walkin'), ...cells(s.byKind.walkin)],
          ...s.perService.map((x) => [w('service'), serviceName(x.serviceId), ...cells(x)]),
          ...s.perCounter.map((x) => [w('counter'), x.counter, ...cells(x)]),
          ...s.perStaff.map((x) => [w('staff'), x.name, ...cells(x)]),
        ],
      };
    }
    case 'estimate-accuracy': {
      const e = r.estimateAccuracy;
      const cells = (x: typeof e.all): Cell[] => [x.count, x.meanAbsError, pct(x.within5), x.meanError];
      return {
        head: ['serviceAr', 'serviceEn', 'count', 'meanAbsError', 'within5', 'meanError'],
        rows: [
          [WORDS.allServices[0], WORDS.allServices[1], ...cells(e.all)],
          ...e.perService.map((s) => [service(s.serviceId)?.nameAr ?? s.serviceId, service(s.serviceId)?.nameEn ?? s.serviceId, ...cells(s)]),
        ],
      };
    }
  }
}

/** The CSV text of one table (with its byte-order mark) and a file name saying what and when. */
export function reportCsv(r: Report, t: ReportTable, lang: Lang): { filename: string; csv: string } {
  const { head, rows } = table(r, t, lang);
  const words = head.map((k) => WORDS[k][lang === 'ar' ? 0 : 1]);
  const csv = BOM + stringify([words, ...rows], { record_delimiter: '\r\n', cast: { number: (n) => String(n) } });
  return { filename: `dor-${t}-${r.from}-to-${r.to}.csv`, csv };
}
