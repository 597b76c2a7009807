// The words of the pieces every staff screen shares (login, password change, the account menu),
// Arabic first. A refusal from the hub is worded by protocol/errors.ts; a screen's own title and
// its "not for your role" sentence come from the screen.
import { errorWords } from '../protocol/errors.ts';
import type { Role } from '../protocol/domain.ts';
import type { ApiFailure } from './api.ts';
import type { Lang } from './i18n.ts';
import { translator } from './translator.ts';

const ar = {
  'login.username': 'اسم المستخدم',
  'login.password': 'كلمة المرور',
  'login.submit': 'دخول',
  'login.throttled': 'محاولات دخول خاطئة كثيرة. يمكنك المحاولة مرة أخرى بعد {time}.',
  'change.title': 'اختر كلمة مرور خاصة بك',
  'change.intro': 'كلمة المرور الحالية مؤقتة وضعها مشرف النظام. غيّرها قبل أن تبدأ العمل.',
  'change.other': 'الدخول بحساب آخر',
  'password.title': 'تغيير كلمة المرور',
  'password.current': 'كلمة المرور الحالية',
  'password.new': 'كلمة المرور الجديدة',
  'password.repeat': 'أعد كتابة كلمة المرور الجديدة',
  'password.rules': '10 أحرف على الأقل، لا تحتوي اسم المستخدم، وليست كلمة مرور شائعة (يتحقق النظام من ذلك عند الحفظ)',
  'password.ok': 'الطول مناسب ولا تحتوي اسم المستخدم',
  'password.mismatch': 'كلمتا المرور غير متطابقتين',
  'password.submit': 'حفظ كلمة المرور',
  'password.done': 'تم تغيير كلمة المرور. انتهت جلساتك المفتوحة على الأجهزة الأخرى.',
  'menu.label': 'حسابي: {name}',
  'menu.password': 'تغيير كلمة المرور',
  'menu.logout': 'تسجيل الخروج',
  'common.cancel': 'إلغاء',
  'common.close': 'إغلاق',
  checkField: 'تحقّق من الحقل: {field}',
  'role.counter': 'موظف شباك',
  'role.callcenter': 'موظف مركز الاتصال',
  'role.supervisor': 'مشرف',
  'role.admin': 'مشرف النظام',
};

export type StaffKey = keyof typeof ar;

const en = {
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.throttled': 'Too many wrong logins. You can try again in {time}.',
  'change.title': 'Choose your own password',
  'change.intro': 'Your current password is a temporary one set by an admin. Change it before you start.',
  'change.other': 'Log in with another account',
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.repeat': 'New password again',
  'password.rules': 'At least 10 characters, not containing the username, not a common password (the hub checks that when you save)',
  'password.ok': 'Long enough and without the username',
  'password.mismatch': 'The two passwords differ',
  'password.submit': 'Save the password',
  'password.done': 'Your password is changed. Your sessions on other devices have ended.',
  'menu.label': 'My account: {name}',
  'menu.password': 'Change password',
  'menu.logout': 'Log out',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  checkField: 'Check this field: {field}',
  'role.counter': 'Counter staff',
  'role.callcenter': 'Call-center agent',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Admin',
};

/** A shared staff text in `lang`. */
export const tk = translator<StaffKey, typeof en>({ ar, en });

export const roleName = (lang: Lang, role: Role) => tk(lang, `role.${role}`);

/**
 * The words for a refusal: a rejected field named by its label (when the screen knows the field),
 * else the code's words from protocol/errors.ts, else the hub's own code and message.
 */
export function failureText(lang: Lang, f: ApiFailure, fieldLabel?: (field: string) => string | null): string {
  const path = Array.isArray(f.details) ? ((f.details[0] as { path?: unknown[] } | undefined)?.path ?? []) : [];
  const label = f.code === 'VALIDATION_FAILED' && path.length > 0 ? fieldLabel?.(String(path.at(-1))) : null;
  if (label) return tk(lang, 'checkField', { field: label });
  return errorWords(lang, f.code) ?? `${f.code}: ${f.message}`;
}
