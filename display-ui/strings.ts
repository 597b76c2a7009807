// The display board's words. The board always shows both languages together, Arabic first, so a
// text is a pair: written as a dictionary per language (the shared translator, ui-kit/translator.ts),
// shown through `S`, every text in both.
import { translator, type Dictionary } from '../ui-kit/translator.ts';

export interface Bilingual {
  ar: string;
  en: string;
}

const ar = {
  nowCalling: 'النداء الحالي',
  ticket: 'التذكرة',
  counter: 'الشباك',
  goTo: 'يُرجى التوجه إلى',
  recent: 'آخر النداءات',
  noCalls: 'لم يُنادَ أي رقم بعد',
  waitForNumber: 'يُرجى انتظار ظهور رقمك على الشاشة',
  waiting: 'في الانتظار',
  appointments: 'المواعيد',
  recall: 'نداء متكرر',
  noShow: 'لم يحضر',
  openCounters: 'الشبابيك المفتوحة',
  noneOpen: 'لا يوجد شباك مفتوح',
  offline: 'الخادم غير متاح — جارٍ إعادة الاتصال',
  reconnecting: 'انقطع الاتصال — جارٍ إعادة الاتصال',
  soundHint: 'اضغط هنا لتفعيل الصوت',
  loading: 'جارٍ التحميل…',
  unpairedTitle: 'هذه الشاشة غير مقترنة بالنظام',
  unpairedBody: 'يُرجى من المشرف إقران الشاشة برمز الإقران: افتح ‎/display?pair=الرمز‎',
  unpairedBadCode: 'رمز الإقران غير صالح أو منتهي الصلاحية',
} satisfies Dictionary;

export type DisplayKey = keyof typeof ar;

const en: Dictionary<DisplayKey> = {
  nowCalling: 'Now calling',
  ticket: 'Ticket',
  counter: 'Counter',
  goTo: 'Please go to',
  recent: 'Recent calls',
  noCalls: 'No numbers called yet',
  waitForNumber: 'Please wait for your number to appear',
  waiting: 'Waiting',
  appointments: 'Appointments',
  recall: 'Repeat call',
  noShow: 'No-show',
  openCounters: 'Open counters',
  noneOpen: 'No counter open',
  offline: 'Hub unreachable — reconnecting',
  reconnecting: 'Connection lost — reconnecting',
  soundHint: 'Tap to enable sound',
  loading: 'Loading…',
  unpairedTitle: 'This display is not paired',
  unpairedBody: 'A supervisor must pair this screen with a pairing code: open /display?pair=CODE',
  unpairedBadCode: 'This pairing code is unknown, used or expired',
};

const td = translator({ ar, en });

/** The text `key` in both languages. */
const bilingual = (key: DisplayKey): Bilingual => ({ ar: td('ar', key), en: td('en', key) });

/** Every text of the board in both languages. */
export const S = Object.fromEntries((Object.keys(ar) as DisplayKey[]).map((key) => [key, bilingual(key)])) as Record<DisplayKey, Bilingual>;
