// Bilingual text for every screen: Arabic first (RTL), English second. Framework-free.
//
// - `t(lang, key, params)` looks a message up and fills `{name}` placeholders; a message may have
//   plural forms (Intl.PluralRules categories: Arabic has zero/one/two/few/many/other), chosen by
//   the numeric param `n`.
// - Digits are Western (0-9) by default in both languages, as on Bahraini ID cards, the printed
//   ticket and the hall board; `setArabicDigits(true)` switches Arabic text to Arabic-Indic digits
//   (٠١٢…). Ticket labels (`B-012`) and CPRs are never converted.

export type Lang = 'ar' | 'en';
export const LANGS: readonly Lang[] = ['ar', 'en'];
export const DEFAULT_LANG: Lang = 'ar';
export const DEFAULT_TIME_ZONE = 'Asia/Bahrain';

export const dir = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');
export const otherLang = (lang: Lang): Lang => (lang === 'ar' ? 'en' : 'ar');
export const isLang = (v: unknown): v is Lang => v === 'ar' || v === 'en';

type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | Plural;

const ar = {
  'app.name': 'دور',
  'app.hallFallback': 'وزارة الإسكان — قاعة خدمة العملاء',
  'lang.name': 'العربية',
  'lang.switchTo': 'English',

  'common.back': 'رجوع',
  'common.cancel': 'إلغاء',
  'common.done': 'تم',
  'common.toStart': 'العودة إلى البداية',
  'common.busy': 'لحظة من فضلك…',
  'common.minutes': { zero: 'أقل من دقيقة', one: 'دقيقة واحدة', two: 'دقيقتان', few: '{n} دقائق', many: '{n} دقيقة', other: '{n} دقيقة' },
  'common.people': { zero: 'لا أحد', one: 'شخص واحد', two: 'شخصان', few: '{n} أشخاص', many: '{n} شخصًا', other: '{n} شخص' },
  'common.waitUnknown': 'غير متوفر الآن',
  'common.reconnecting': 'جارٍ إعادة الاتصال بالنظام…',

  'start.welcome': 'أهلًا وسهلًا',
  'start.prompt': 'اختر ما يناسبك للحصول على رقم الدور',
  'start.appointment': 'لدي موعد',
  'start.appointmentHint': 'سجّل وصولك برقمك الشخصي أو بمسح رمز الحجز',
  'start.walkin': 'ليس لدي موعد',
  'start.walkinHint': 'اختر الخدمة واحصل على تذكرة انتظار',

  'appt.title': 'تسجيل الوصول للموعد',
  'appt.prompt': 'أدخل رقمك الشخصي ({len} أرقام)',
  'appt.count': '{n} من {len}',
  'appt.scanHint': 'أو امسح رمز الحجز (QR أو الباركود) أمام الماسح الضوئي',
  'appt.submit': 'تسجيل الوصول',
  'keypad.clear': 'مسح',
  'keypad.back': 'حذف',

  'services.title': 'اختر الخدمة',
  'services.waiting': 'في الانتظار',
  'services.wait': 'الانتظار المتوقع',
  'services.empty': 'لا توجد خدمات متاحة الآن. يُرجى مراجعة الاستقبال.',

  'priority.title': 'هل تحتاج إلى أولوية في الخدمة؟',
  'priority.hint': 'اختر الحالة التي تنطبق عليك، أو تابع بدون أولوية',
  'priority.none': 'لا، متابعة',
  'priority.elderly': 'كبار السن',
  'priority.disability': 'ذوو الإعاقة',
  'priority.pregnancy': 'الحوامل',

  'ticket.yourNumber': 'رقمك',
  'ticket.ahead': 'المنتظرون قبلك',
  'ticket.wait': 'الانتظار المتوقع',
  'ticket.qr': 'امسح الرمز بهاتفك لمتابعة دورك مباشرة',
  'ticket.takePrinted': 'خذ تذكرتك من الطابعة وانتظر ظهور رقمك على الشاشة',
  'ticket.printFailed': 'تعذّرت طباعة التذكرة. رقمك محفوظ وصالح — صوّر رمز QR أو الرقم بهاتفك.',
  'ticket.checkedIn': 'تم تسجيل وصولك لموعدك',
  'ticket.lateConverted': 'انتهت فترة تسجيل الوصول لموعدك، فحصلت على تذكرة انتظار عادية للخدمة نفسها',
  'ticket.priority': 'أولوية',

  'msg.tooEarly.title': 'وصلت مبكرًا',
  'msg.tooEarly.body': 'يبدأ تسجيل الوصول لموعدك الساعة {time}. يُرجى العودة إلى الجهاز في ذلك الوقت.',
  'msg.tooLate.title': 'انتهى وقت موعدك',
  'msg.tooLate.body': 'انتهت فترة تسجيل الوصول لموعدك. يمكنك أخذ تذكرة بدون موعد، أو الحجز من جديد عبر مركز الاتصال.',
  'msg.noAppointment.title': 'لا يوجد موعد اليوم',
  'msg.noAppointment.body': 'لم نجد موعدًا لهذا اليوم بهذه البيانات. يمكنك أخذ تذكرة انتظار بدون موعد.',
  'msg.alreadyCheckedIn.title': 'سبق تسجيل وصولك',
  'msg.alreadyCheckedIn.body': 'تم تسجيل الوصول لهذا الموعد من قبل. يُرجى متابعة رقمك على شاشة القاعة.',
  'msg.rateLimited.title': 'لحظة من فضلك',
  'msg.rateLimited.body': 'صدرت تذاكر كثيرة من هذا الجهاز للتو. يُرجى المحاولة بعد قليل.',
  'msg.badCode.title': 'تعذّرت قراءة الرمز',
  'msg.badCode.body': 'يُرجى مسح رمز الحجز مرة أخرى أو إدخال رقمك الشخصي.',
  'msg.unavailable.title': 'الخدمة غير متاحة الآن',
  'msg.unavailable.body': 'لا يمكن إصدار تذكرة لهذه الخدمة الآن. يُرجى مراجعة الاستقبال.',
  'msg.offline.title': 'تعذّر الاتصال بالنظام',
  'msg.offline.body': 'يُرجى المحاولة بعد لحظات أو طلب المساعدة من أحد الموظفين.',
  'msg.error.title': 'عذرًا، حدث خطأ',
  'msg.error.body': 'يُرجى المحاولة مرة أخرى أو طلب المساعدة من أحد الموظفين.',
  'msg.takeWalkin': 'أخذ تذكرة بدون موعد',
  'msg.tryAgain': 'المحاولة مرة أخرى',

  'printer.problem': 'الطابعة متوقفة مؤقتًا — ستظهر تذكرتك على الشاشة',
  'printer.paperOut': 'نفد ورق الطابعة — ستظهر تذكرتك على الشاشة',
  'printer.coverOpen': 'غطاء الطابعة مفتوح — ستظهر تذكرتك على الشاشة',
  'printer.offline': 'الطابعة غير متصلة — ستظهر تذكرتك على الشاشة',

  'unpaired.title': 'هذا الجهاز غير مقترن بالنظام',
  'unpaired.body': 'يُرجى من المشرف إقران جهاز الخدمة الذاتية برمز الإقران.',
  'unpaired.badCode': 'رمز الإقران غير صالح أو منتهي الصلاحية',

  'staff.pinTitle': 'دخول الموظف',
  'staff.pinPrompt': 'أدخل الرمز السري',
  'staff.enter': 'دخول',
  'staff.wrongPin': 'الرمز غير صحيح',
  'staff.panel': 'لوحة الموظف',
  'staff.reload': 'إعادة تحميل الشاشة',
  'staff.startPage': 'الصفحة الرئيسية للنظام',
  'staff.close': 'إغلاق اللوحة',
  'staff.connection': 'الاتصال بالنظام',
  'staff.printer': 'الطابعة',
  'staff.ok': 'يعمل',
  'staff.notOk': 'متوقف',

  'status.title': 'حالة تذكرتك',
  'status.yourNumber': 'رقمك',
  'status.waiting': 'في الانتظار',
  'status.ahead': 'المنتظرون قبلك',
  'status.wait': 'الانتظار المتوقع',
  'status.called': 'رقمك يُنادى',
  'status.goTo': 'تفضّل إلى الشباك {counter}',
  'status.counter': 'الشباك {counter}',
  'status.serving': 'جارٍ خدمتك',
  'status.servingAt': 'لدى الشباك {counter}',
  'status.done': 'اكتملت خدمتك',
  'status.doneBody': 'شكرًا لزيارتك.',
  'status.noShow': 'نودي رقمك ولم تحضر',
  'status.noShowBody': 'يُرجى مراجعة الاستقبال أو أخذ تذكرة جديدة من الجهاز.',
  'status.cancelled': 'أُلغيت هذه التذكرة',
  'status.cancelledBody': 'يُرجى مراجعة الاستقبال إن كنت بحاجة إلى المساعدة.',
  'status.transferred': 'حُوِّلت تذكرتك',
  'status.transferredBody': 'احتفظ بهذه الصفحة؛ ستُخبرك عند مناداة رقمك.',
  'status.keepOpen': 'أبقِ هذه الصفحة مفتوحة، وستُخبرك عند مناداة رقمك.',
  'status.notFound': 'هذا الرابط غير صالح',
  'status.notFoundBody': 'تحقق من الرابط أو امسح رمز QR الموجود على تذكرتك مرة أخرى.',
  'status.loading': 'جارٍ التحميل…',
  'status.live': 'تحديث مباشر',
  'status.offline': 'غير متصل — جارٍ المحاولة',
  'status.updatedAt': 'آخر تحديث {time}',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof ar;
export type Dictionary = Record<MessageKey, Message>;

const en: Dictionary = {
  'app.name': 'Dor',
  'app.hallFallback': 'Ministry of Housing — Customer Service Hall',
  'lang.name': 'English',
  'lang.switchTo': 'العربية',

  'common.back': 'Back',
  'common.cancel': 'Cancel',
  'common.done': 'Done',
  'common.toStart': 'Back to start',
  'common.busy': 'One moment please…',
  'common.minutes': { zero: 'less than a minute', one: '1 minute', other: '{n} minutes' },
  'common.people': { zero: 'no one', one: '1 person', other: '{n} people' },
  'common.waitUnknown': 'not available yet',
  'common.reconnecting': 'Reconnecting to the system…',

  'start.welcome': 'Welcome',
  'start.prompt': 'Choose an option to get your queue number',
  'start.appointment': 'I have an appointment',
  'start.appointmentHint': 'Check in with your CPR number or scan your booking code',
  'start.walkin': "I don't have an appointment",
  'start.walkinHint': 'Choose a service and take a ticket',

  'appt.title': 'Appointment check-in',
  'appt.prompt': 'Enter your CPR number ({len} digits)',
  'appt.count': '{n} of {len}',
  'appt.scanHint': 'Or hold your booking QR code or barcode under the scanner',
  'appt.submit': 'Check in',
  'keypad.clear': 'Clear',
  'keypad.back': 'Delete',

  'services.title': 'Choose a service',
  'services.waiting': 'waiting',
  'services.wait': 'Expected wait',
  'services.empty': 'No services are available right now. Please ask at reception.',

  'priority.title': 'Do you need priority service?',
  'priority.hint': 'Choose the category that applies to you, or continue without priority',
  'priority.none': 'No, continue',
  'priority.elderly': 'Senior citizen',
  'priority.disability': 'Person with a disability',
  'priority.pregnancy': 'Pregnancy',

  'ticket.yourNumber': 'Your number',
  'ticket.ahead': 'People ahead of you',
  'ticket.wait': 'Estimated wait',
  'ticket.qr': 'Scan with your phone to follow your turn live',
  'ticket.takePrinted': 'Take your ticket from the printer and watch the screen for your number',
  'ticket.printFailed': 'The ticket could not be printed. Your number is saved and valid — take a photo of the QR code or the number.',
  'ticket.checkedIn': 'You are checked in for your appointment',
  'ticket.lateConverted': 'Your check-in time has passed, so you have a regular walk-in ticket for the same service',
  'ticket.priority': 'Priority',

  'msg.tooEarly.title': 'You are early',
  'msg.tooEarly.body': 'Check-in for your appointment opens at {time}. Please come back to the kiosk then.',
  'msg.tooLate.title': 'Your appointment time has passed',
  'msg.tooLate.body': 'The check-in window of your appointment has closed. You can take a walk-in ticket, or book again through the call center.',
  'msg.noAppointment.title': 'No appointment today',
  'msg.noAppointment.body': 'We found no appointment for today with these details. You can take a walk-in ticket instead.',
  'msg.alreadyCheckedIn.title': 'Already checked in',
  'msg.alreadyCheckedIn.body': 'This appointment is already checked in. Please watch the hall screen for your number.',
  'msg.rateLimited.title': 'Please wait a moment',
  'msg.rateLimited.body': 'This kiosk has just issued many tickets. Please try again in a moment.',
  'msg.badCode.title': 'Code not recognised',
  'msg.badCode.body': 'Please scan your booking code again or enter your CPR number.',
  'msg.unavailable.title': 'Service not available now',
  'msg.unavailable.body': 'A ticket for this service cannot be issued right now. Please ask at reception.',
  'msg.offline.title': 'Cannot reach the system',
  'msg.offline.body': 'Please try again in a moment or ask a staff member for help.',
  'msg.error.title': 'Sorry, something went wrong',
  'msg.error.body': 'Please try again or ask a staff member for help.',
  'msg.takeWalkin': 'Take a walk-in ticket',
  'msg.tryAgain': 'Try again',

  'printer.problem': 'The ticket printer is paused — your ticket will be shown on screen',
  'printer.paperOut': 'The ticket printer is out of paper — your ticket will be shown on screen',
  'printer.coverOpen': 'The ticket printer cover is open — your ticket will be shown on screen',
  'printer.offline': 'The ticket printer is offline — your ticket will be shown on screen',

  'unpaired.title': 'This kiosk is not paired',
  'unpaired.body': 'A supervisor must pair this self-service kiosk with a pairing code.',
  'unpaired.badCode': 'This pairing code is unknown, used or expired',

  'staff.pinTitle': 'Staff access',
  'staff.pinPrompt': 'Enter the PIN',
  'staff.enter': 'Enter',
  'staff.wrongPin': 'Wrong PIN',
  'staff.panel': 'Staff panel',
  'staff.reload': 'Reload the screen',
  'staff.startPage': 'Go to the start page',
  'staff.close': 'Close the panel',
  'staff.connection': 'Connection',
  'staff.printer': 'Printer',
  'staff.ok': 'OK',
  'staff.notOk': 'Problem',

  'status.title': 'Your ticket status',
  'status.yourNumber': 'Your number',
  'status.waiting': 'Waiting',
  'status.ahead': 'People ahead of you',
  'status.wait': 'Estimated wait',
  'status.called': 'Your number is called',
  'status.goTo': 'Please go to counter {counter}',
  'status.counter': 'Counter {counter}',
  'status.serving': 'Being served',
  'status.servingAt': 'at counter {counter}',
  'status.done': 'Your visit is complete',
  'status.doneBody': 'Thank you for your visit.',
  'status.noShow': 'Your number was called but you did not come',
  'status.noShowBody': 'Please ask at reception or take a new ticket at the kiosk.',
  'status.cancelled': 'This ticket was cancelled',
  'status.cancelledBody': 'Please ask at reception if you need help.',
  'status.transferred': 'Your ticket was transferred',
  'status.transferredBody': 'Keep this page open; it tells you when your number is called.',
  'status.keepOpen': 'Keep this page open — it tells you when your number is called.',
  'status.notFound': 'This link is not valid',
  'status.notFoundBody': 'Check the link, or scan the QR code on your ticket again.',
  'status.loading': 'Loading…',
  'status.live': 'Live',
  'status.offline': 'Offline — retrying',
  'status.updatedAt': 'Updated {time}',
};

export const dictionaries: Record<Lang, Dictionary> = { ar, en };

let arabicDigits = false;
/** Arabic-Indic digits (٠١٢…) in Arabic text (`true`), or Western digits everywhere (`false`, the default). */
export function setArabicDigits(on: boolean): void {
  arabicDigits = on;
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
/** Converts the Western digits of a string to the language's digits. */
export function digits(value: string | number, lang: Lang): string {
  const s = String(value);
  if (lang !== 'ar' || !arabicDigits) return s;
  return s.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]!);
}

export function formatNumber(n: number, lang: Lang): string {
  return digits(String(n), lang);
}

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};
function pluralOf(lang: Lang, n: number): Intl.LDMLPluralRule {
  const rules = (pluralRules[lang] ??= new Intl.PluralRules(lang === 'ar' ? 'ar' : 'en'));
  return rules.select(n);
}

export type Params = Record<string, string | number>;

/** The message `key` in `lang`, with `{name}` placeholders filled (numbers in the language's digits). */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const m = dictionaries[lang][key] ?? dictionaries.ar[key];
  let text: string;
  if (typeof m === 'string') {
    text = m;
  } else {
    const n = typeof params.n === 'number' ? params.n : Number(params.n ?? 0);
    // English has no "zero" category; our messages use it for n = 0 in both languages.
    const cat: Intl.LDMLPluralRule = n === 0 && m.zero ? 'zero' : pluralOf(lang, n);
    text = m[cat] ?? m.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}

/** "12 minutes" / "١٢ دقيقة", or "not available yet" when there is no estimate (no counter open). */
export function minutesText(lang: Lang, minutes: number | null): string {
  if (minutes === null) return t(lang, 'common.waitUnknown');
  return t(lang, 'common.minutes', { n: Math.max(0, Math.round(minutes)) });
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = timeFormats.get(key);
  if (!f) timeFormats.set(key, (f = make()));
  return f;
}

function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** 24-hour HH:MM in the hall's time zone (Asia/Bahrain unless told otherwise). */
export function formatTime(ms: number, lang: Lang, timeZone?: string): string {
  const tz = safeZone(timeZone);
  const f = formatter(`time|${tz}`, () => new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  return digits(f.format(ms), lang);
}

const dateLocale = (lang: Lang) => (lang === 'ar' ? (arabicDigits ? 'ar-BH-u-nu-arab' : 'ar-BH-u-nu-latn') : 'en-GB');

/** A long local date: "الخميس ٢٦ نوفمبر ٢٠٢٦" / "Thursday 26 November 2026". */
export function formatDate(ms: number, lang: Lang, timeZone?: string): string {
  const tz = safeZone(timeZone);
  const locale = dateLocale(lang);
  const f = formatter(
    `date|${locale}|${tz}`,
    () => new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  );
  return f.format(ms);
}

/** A short local date: "26 نوفمبر 2026" / "26 Nov 2026". */
export function formatShortDate(ms: number, lang: Lang, timeZone?: string): string {
  const tz = safeZone(timeZone);
  const locale = dateLocale(lang);
  const f = formatter(`short|${locale}|${tz}`, () => new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short', year: 'numeric' }));
  return f.format(ms);
}

/** A calendar day (YYYY-MM-DD) with its weekday, "Thu 26 Nov": a date, not an instant, so no zone applies. */
export function formatDay(day: string, lang: Lang): string {
  const locale = dateLocale(lang);
  const f = formatter(`day|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }));
  return f.format(Date.parse(`${day}T12:00:00Z`));
}

/** Sets `lang` and `dir` on the document (Arabic: rtl). */
export function applyDocumentLang(lang: Lang, doc: Document = document): void {
  doc.documentElement.lang = lang;
  doc.documentElement.dir = dir(lang);
}

/** The language this browser last chose on a screen (stored under `key`), or the default. */
export function savedLang(key: string): Lang {
  try {
    const v = localStorage.getItem(key);
    return isLang(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/** Remembers the chosen language under `key`; where storage is refused (private mode), the choice lasts for this page. */
export function saveLang(key: string, lang: Lang): void {
  try {
    localStorage.setItem(key, lang);
  } catch {
    // private mode: the toggle still works for this page
  }
}
