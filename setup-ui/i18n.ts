// The setup page's texts, Arabic first; error codes use the words of protocol/errors.ts.
import type { Lang } from '../ui-kit/i18n.ts';

const ar = {
  brand: 'دور — إعداد القاعة',
  title: 'إعداد القاعة لأول مرة',
  intro: 'أدخل اسم القاعة ومنطقتها الزمنية، ثم أنشئ حساب مشرف النظام الأول. بعد ذلك تُكمل الإعداد من لوحة المشرف.',
  hall: 'القاعة',
  hallNameAr: 'اسم القاعة بالعربية',
  hallNameEn: 'اسم القاعة بالإنجليزية',
  timeZone: 'المنطقة الزمنية',
  admin: 'مشرف النظام الأول',
  username: 'اسم المستخدم',
  usernameHint: 'حروف إنجليزية صغيرة وأرقام، من 3 إلى 32 (يُسمح بالنقطة والشرطة والشرطة السفلية)',
  displayNameAr: 'الاسم بالعربية',
  displayNameEn: 'الاسم بالإنجليزية',
  password: 'كلمة المرور',
  passwordHint: '10 أحرف على الأقل، لا تحتوي اسم المستخدم، وليست كلمة مرور شائعة',
  passwordOk: 'كلمة المرور مقبولة',
  confirm: 'تأكيد كلمة المرور',
  mismatch: 'كلمتا المرور غير متطابقتين',
  submit: 'إعداد القاعة والدخول',
  busy: 'جارٍ الإعداد…',
  loading: 'لحظة من فضلك…',
  noToken: 'افتح رابط الإعداد كما ظهر في سجل الخادم: فيه رمز يُستخدم مرة واحدة (token=…).',
  doneTitle: 'تم إعداد هذه القاعة',
  doneBody: 'سجّل الدخول إلى لوحة المشرف بحساب مشرف النظام.',
  toConsole: 'فتح لوحة المشرف',
  checkField: 'تحقّق من الحقل: {field}',
  langToggle: 'English',
};

export type SKey = keyof typeof ar;

const en: Record<SKey, string> = {
  brand: 'Dor — hall setup',
  title: 'First run of the hall',
  intro: "Enter the hall's name and time zone, then create the first admin account. You finish the setup in the supervisor console.",
  hall: 'The hall',
  hallNameAr: 'Hall name in Arabic',
  hallNameEn: 'Hall name in English',
  timeZone: 'Time zone',
  admin: 'First admin',
  username: 'Username',
  usernameHint: 'small English letters and digits, 3 to 32 (dot, dash and underscore allowed)',
  displayNameAr: 'Name in Arabic',
  displayNameEn: 'Name in English',
  password: 'Password',
  passwordHint: 'at least 10 characters, not containing the username, not a common password',
  passwordOk: 'The password is acceptable',
  confirm: 'Password again',
  mismatch: 'The two passwords differ',
  submit: 'Set up the hall and log in',
  busy: 'Setting up…',
  loading: 'One moment…',
  noToken: "Open the setup link as the hub's log shows it: it carries a one-time token (token=…).",
  doneTitle: 'This hall is set up',
  doneBody: 'Log in to the supervisor console with an admin account.',
  toConsole: 'Open the supervisor console',
  checkField: 'Check this field: {field}',
  langToggle: 'العربية',
};

/** A setup-page text in `lang`, `{name}` placeholders filled. */
export function ts(lang: Lang, key: SKey, params: Record<string, string> = {}): string {
  const text = (lang === 'ar' ? ar : en)[key];
  return text.replace(/\{(\w+)\}/g, (w, k: string) => params[k] ?? w);
}

export const isKey = (key: string): key is SKey => key in ar;
