// The counter terminal's texts, Arabic first. Same conventions as ui-kit/i18n.ts (whose helpers
// for digits, times and dates it reuses): `{name}` placeholders, plural forms chosen by `n`.
import { formatNumber, type Lang } from '../ui-kit/i18n.ts';

type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
type Message = string | Plural;

const ar = {
  'app.title': 'شاشة الشباك',

  'login.title': 'دخول موظف الشباك',
  'login.subtitle': 'سجّل الدخول لفتح شباكك',
  'login.username': 'اسم المستخدم',
  'login.password': 'كلمة المرور',
  'login.submit': 'دخول',
  'login.INVALID_CREDENTIALS': 'اسم المستخدم أو كلمة المرور غير صحيحة',
  'login.notCounterStaff': 'هذه الشاشة لموظفي الشبابيك فقط. استخدم حساب موظف شباك.',
  'login.sessionEnded': 'انتهت الجلسة. يُرجى تسجيل الدخول من جديد.',
  'login.offline': 'تعذّر الاتصال بالنظام. حاول مرة أخرى بعد لحظات.',

  'pick.title': 'اختر الشباك',
  'pick.hello': 'مرحبًا، {name}',
  'pick.counter': 'الشباك {n}',
  'pick.free': 'متاح',
  'pick.taken': 'مفتوح لدى موظف آخر',
  'pick.allServices': 'جميع الخدمات',
  'pick.closedNotice': 'أُغلق الشباك {n}.',
  'pick.empty': 'لا توجد شبابيك معرّفة في النظام.',

  'mode.appointment': 'شباك المواعيد',
  'mode.general': 'شباك عام (بدون موعد)',
  'mode.mixed': 'شباك مختلط',

  'state.idle': 'جاهز',
  'state.called': 'تم النداء',
  'state.serving': 'قيد الخدمة',
  'state.paused': 'متوقف مؤقتًا',

  'kind.appointment': 'موعد',
  'kind.walkin': 'بدون موعد',
  'priority.none': 'بدون أولوية',
  'priority.elderly': 'أولوية: كبار السن',
  'priority.disability': 'أولوية: ذوو الإعاقة',
  'priority.pregnancy': 'أولوية: الحوامل',

  'current.none': 'لا توجد تذكرة حالية',
  'current.noneHint': 'اضغط «نداء التالي» أو مفتاح N أو المسافة لمناداة الرقم التالي.',
  'current.waited': 'وقت الانتظار',
  'current.issuedAt': 'صدرت {time}',
  'current.serviceTime': 'مدة الخدمة',
  'current.notStarted': 'لم تبدأ',
  'current.calledAt': 'نودي {time}',
  'current.recalls': { zero: 'لم يُكرَّر النداء', one: 'كُرِّر النداء مرة واحدة من {max}', two: 'كُرِّر النداء مرتين من {max}', other: 'كُرِّر النداء {n} مرات من {max}' },
  'current.transferred': { one: 'تذكرة محوّلة', two: 'تذكرة محوّلة مرتين', other: 'تذكرة محوّلة {n} مرات' },
  'current.requeued': 'أُعيدت إلى الدور بعد عدم الحضور',
  'current.walkinCpr': 'الرقم الشخصي (من الجهاز)',
  'current.paused': 'الشباك متوقف مؤقتًا',
  'current.pausedReason': 'السبب: {reason}',
  'current.pausedHint': 'لا تُنادى أي تذكرة على هذا الشباك حتى تستأنف العمل (P).',

  'details.tabs': 'تفاصيل التذكرة الحالية',

  'appt.title': 'الحجز',
  'appt.name': 'الاسم',
  'appt.cpr': 'الرقم الشخصي',
  'appt.service': 'الخدمة',
  'appt.slot': 'الموعد',
  'appt.phone': 'الهاتف',
  'appt.reference': 'رقم الحجز',
  'appt.notes': 'ملاحظات مركز الاتصال',
  'appt.noNotes': 'لا توجد ملاحظات',
  'appt.missing': 'بيانات الحجز غير متوفرة',

  'walkin.title': 'التذكرة',
  'walkin.issued': 'وقت الإصدار',
  'walkin.number': 'الرقم في الطابور',
  'walkin.priority': 'فئة الأولوية',
  'walkin.hint': 'تذكرة بدون موعد: لا توجد بيانات حجز من مركز الاتصال.',
  'citizen.title': 'المواطن',
  'citizen.files': 'الطلبات والرسائل',
  'citizen.loading': 'جارٍ تحميل بطاقة المواطن…',
  'citizen.notFound': 'لا يوجد سجل لهذا الرقم الشخصي.',
  'citizen.failed': 'تعذّر تحميل بطاقة المواطن.',
  'citizen.cpr': 'الرقم الشخصي',
  'citizen.phone': 'الهاتف',
  'citizen.address': 'العنوان',
  'citizen.iban': 'الحساب البنكي',
  'citizen.family': 'الأسرة',
  'citizen.applications': 'طلبات الإسكان',
  'citizen.letters': 'الرسائل',
  'citizen.noApplications': 'لا توجد طلبات',
  'citizen.noLetters': 'لا توجد رسائل',
  'citizen.noFamily': 'لا يوجد أفراد أسرة مسجلون',
  'citizen.submitted': 'قُدّم في',
  'citizen.received': 'وصلت في',
  'citizen.born': 'مواليد',
  'citizen.history': 'تسلسل حالات الطلب',

  'act.callNext': 'نداء التالي',
  'act.recall': 'إعادة النداء',
  'act.noShow': 'لم يحضر',
  'act.start': 'بدء الخدمة',
  'act.finish': 'إنهاء الخدمة',
  'act.transfer': 'تحويل',
  'act.pause': 'إيقاف مؤقت',
  'act.resume': 'استئناف',
  'act.call': 'نداء',
  'act.closeCounter': 'إغلاق الشباك',
  'act.logout': 'تسجيل الخروج',
  'act.logoutHint': 'أنهِ التذكرة الحالية أو حوّلها قبل الخروج',

  'finish.title': 'إنهاء خدمة التذكرة',
  'finish.outcome': 'نتيجة الخدمة',
  'finish.note': 'ملاحظة (اختيارية)',
  'finish.notePlaceholder': 'مثال: طُلب إحضار شهادة الراتب',
  'finish.confirm': 'إنهاء الخدمة',

  'transfer.title': 'تحويل التذكرة',
  'transfer.keepsPlace': 'تحتفظ التذكرة برقمها ومكانها في الدور.',
  'transfer.toService': 'إلى خدمة أخرى',
  'transfer.toCounter': 'إلى شباك محدد',
  'transfer.current': 'الخدمة الحالية',
  'transfer.closed': 'مغلق',
  'transfer.open': 'مفتوح',
  'transfer.paused': 'متوقف',
  'transfer.none': 'لا توجد شبابيك أخرى',
  'transfer.confirm': 'تحويل',

  'pause.title': 'إيقاف الشباك مؤقتًا',
  'pause.reason': 'سبب الإيقاف',
  'pause.placeholder': 'اكتب السبب أو اختر من الأسباب الشائعة',
  'pause.confirm': 'إيقاف مؤقت',

  'side.queues': 'الانتظار في طوابير شباكي',
  'side.appointments': 'المواعيد',
  'side.next': 'التالي في الدور',
  'side.nextBadge': 'التالي',
  'side.none': 'لا أحد في الانتظار لهذا الشباك',
  'side.more': { one: 'وتذكرة أخرى', two: 'وتذكرتان أخريان', few: 'و{n} تذاكر أخرى', other: 'و{n} تذكرة أخرى' },
  'side.guard': 'زر «التالي» يحتفظ بالشباك لمواعيد قريبة؛ يمكنك نداء تذكرة بعينها من القائمة.',
  'side.slot': 'موعد {time}',
  'side.early': 'مبكر',
  'side.forYou': 'محوّلة إليك',
  'side.min': { zero: 'الآن', one: 'منذ دقيقة', two: 'منذ دقيقتين', few: 'منذ {n} دقائق', other: 'منذ {n} دقيقة' },
  'side.stats': 'إنجازي اليوم',
  'side.served': 'تمت خدمتهم',
  'side.avg': 'متوسط مدة الخدمة',

  'err.generic': 'تعذّر تنفيذ الإجراء.',
  'err.dismiss': 'إخفاء',

  'common.cancel': 'إلغاء',
  'common.reconnecting': 'جارٍ إعادة الاتصال…',
  'common.loading': 'جارٍ التحميل…',
  'common.none': '—',
} satisfies Record<string, Message>;

export type CKey = keyof typeof ar;
type Dict = Record<CKey, Message>;

const en: Dict = {
  'app.title': 'Counter terminal',

  'login.title': 'Counter staff login',
  'login.subtitle': 'Log in to open your counter',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.INVALID_CREDENTIALS': 'Wrong username or password',
  'login.notCounterStaff': 'This screen is for counter staff only. Use a counter staff account.',
  'login.sessionEnded': 'Your session has ended. Please log in again.',
  'login.offline': 'Cannot reach the system. Try again in a moment.',

  'pick.title': 'Choose your counter',
  'pick.hello': 'Hello, {name}',
  'pick.counter': 'Counter {n}',
  'pick.free': 'Available',
  'pick.taken': 'Open by another user',
  'pick.allServices': 'All services',
  'pick.closedNotice': 'Counter {n} was closed.',
  'pick.empty': 'No counters are set up in the system.',

  'mode.appointment': 'Appointments counter',
  'mode.general': 'General counter (walk-ins)',
  'mode.mixed': 'Mixed counter',

  'state.idle': 'Ready',
  'state.called': 'Called',
  'state.serving': 'Serving',
  'state.paused': 'Paused',

  'kind.appointment': 'Appointment',
  'kind.walkin': 'Walk-in',
  'priority.none': 'No priority',
  'priority.elderly': 'Priority: senior citizen',
  'priority.disability': 'Priority: disability',
  'priority.pregnancy': 'Priority: pregnancy',

  'current.none': 'No current ticket',
  'current.noneHint': 'Press “Call next”, N or Space to call the next number.',
  'current.waited': 'Waiting time',
  'current.issuedAt': 'issued {time}',
  'current.serviceTime': 'Service time',
  'current.notStarted': 'not started',
  'current.calledAt': 'called {time}',
  'current.recalls': { zero: 'not recalled yet', one: 'recalled once of {max}', other: 'recalled {n} times of {max}' },
  'current.transferred': { one: 'transferred ticket', other: 'transferred {n} times' },
  'current.requeued': 'back in line after a no-show',
  'current.walkinCpr': 'CPR (typed at the kiosk)',
  'current.paused': 'Counter paused',
  'current.pausedReason': 'Reason: {reason}',
  'current.pausedHint': 'No ticket is called to this counter until you resume (P).',

  'details.tabs': 'Current ticket details',

  'appt.title': 'Booking',
  'appt.name': 'Name',
  'appt.cpr': 'CPR',
  'appt.service': 'Service',
  'appt.slot': 'Slot',
  'appt.phone': 'Phone',
  'appt.reference': 'Reference',
  'appt.notes': 'Call-center notes',
  'appt.noNotes': 'No notes',
  'appt.missing': 'Booking details are not available',

  'walkin.title': 'Ticket',
  'walkin.issued': 'Issued at',
  'walkin.number': 'Number in queue',
  'walkin.priority': 'Priority category',
  'walkin.hint': 'Walk-in ticket: no call-center booking.',
  'citizen.title': 'Citizen',
  'citizen.files': 'Applications & letters',
  'citizen.loading': 'Loading the citizen card…',
  'citizen.notFound': 'No record for this CPR.',
  'citizen.failed': 'The citizen card could not be loaded.',
  'citizen.cpr': 'CPR',
  'citizen.phone': 'Phone',
  'citizen.address': 'Address',
  'citizen.iban': 'IBAN',
  'citizen.family': 'Family',
  'citizen.applications': 'Housing applications',
  'citizen.letters': 'Letters',
  'citizen.noApplications': 'No applications',
  'citizen.noLetters': 'No letters',
  'citizen.noFamily': 'No family members recorded',
  'citizen.submitted': 'submitted',
  'citizen.received': 'received',
  'citizen.born': 'born',
  'citizen.history': 'Status history',

  'act.callNext': 'Call next',
  'act.recall': 'Recall',
  'act.noShow': 'No-show',
  'act.start': 'Start service',
  'act.finish': 'Finish',
  'act.transfer': 'Transfer',
  'act.pause': 'Pause',
  'act.resume': 'Resume',
  'act.call': 'Call',
  'act.closeCounter': 'Close counter',
  'act.logout': 'Log out',
  'act.logoutHint': 'Finish or transfer the current ticket before logging out',

  'finish.title': 'Finish ticket',
  'finish.outcome': 'Outcome',
  'finish.note': 'Note (optional)',
  'finish.notePlaceholder': 'e.g. asked to bring a salary certificate',
  'finish.confirm': 'Finish service',

  'transfer.title': 'Transfer ticket',
  'transfer.keepsPlace': 'The ticket keeps its number and its place in line.',
  'transfer.toService': 'To another service',
  'transfer.toCounter': 'To a specific counter',
  'transfer.current': 'current service',
  'transfer.closed': 'closed',
  'transfer.open': 'open',
  'transfer.paused': 'paused',
  'transfer.none': 'No other counters',
  'transfer.confirm': 'Transfer',

  'pause.title': 'Pause the counter',
  'pause.reason': 'Reason',
  'pause.placeholder': 'Type a reason or pick a common one',
  'pause.confirm': 'Pause',

  'side.queues': 'Waiting in my queues',
  'side.appointments': 'Appointments',
  'side.next': 'Next in line',
  'side.nextBadge': 'Next',
  'side.none': 'No one is waiting for this counter',
  'side.more': { one: 'and 1 more', other: 'and {n} more' },
  'side.guard': '“Call next” is holding this counter for upcoming appointments; you can call a ticket from the list.',
  'side.slot': 'slot {time}',
  'side.early': 'early',
  'side.forYou': 'sent to you',
  'side.min': { zero: 'just now', one: '1 min', other: '{n} min' },
  'side.stats': 'My day',
  'side.served': 'Served',
  'side.avg': 'Average service time',

  'err.generic': 'The action could not be done.',
  'err.dismiss': 'Dismiss',

  'common.cancel': 'Cancel',
  'common.reconnecting': 'Reconnecting…',
  'common.loading': 'Loading…',
  'common.none': '—',
};

const dicts: Record<Lang, Dict> = { ar, en };

const plurals: Partial<Record<Lang, Intl.PluralRules>> = {};

export type Params = Record<string, string | number>;

/** The counter message `key` in `lang`, placeholders filled (numbers in the language's digits). */
export function tc(lang: Lang, key: CKey, params: Params = {}): string {
  const m = dicts[lang][key];
  let text: string;
  if (typeof m === 'string') {
    text = m;
  } else {
    const n = Number(params.n ?? 0);
    const rules = (plurals[lang] ??= new Intl.PluralRules(lang));
    const cat: Intl.LDMLPluralRule = n === 0 && m.zero ? 'zero' : rules.select(n);
    text = m[cat] ?? m.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}

/** Pause reasons offered as one-tap chips (stored in both languages, for the supervisor). */
export const PAUSE_REASONS: ReadonlyArray<{ ar: string; en: string }> = [
  { ar: 'استراحة', en: 'Break' },
  { ar: 'صلاة', en: 'Prayer' },
  { ar: 'اجتماع', en: 'Meeting' },
  { ar: 'مهمة إدارية', en: 'Admin task' },
  { ar: 'عطل في الجهاز', en: 'Equipment problem' },
];
