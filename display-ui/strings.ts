// The display board's words. The board always shows both languages together, Arabic first, so
// every text is a pair.
export interface Bilingual {
  ar: string;
  en: string;
}

export const S = {
  nowCalling: { ar: 'النداء الحالي', en: 'Now calling' },
  ticket: { ar: 'التذكرة', en: 'Ticket' },
  counter: { ar: 'الشباك', en: 'Counter' },
  goTo: { ar: 'يُرجى التوجه إلى', en: 'Please go to' },
  recent: { ar: 'آخر النداءات', en: 'Recent calls' },
  noCalls: { ar: 'لم يُنادَ أي رقم بعد', en: 'No numbers called yet' },
  waitForNumber: { ar: 'يُرجى انتظار ظهور رقمك على الشاشة', en: 'Please wait for your number to appear' },
  waiting: { ar: 'في الانتظار', en: 'Waiting' },
  appointments: { ar: 'المواعيد', en: 'Appointments' },
  recall: { ar: 'نداء متكرر', en: 'Repeat call' },
  offline: { ar: 'الخادم غير متاح — جارٍ إعادة الاتصال', en: 'Hub unreachable — reconnecting' },
  reconnecting: { ar: 'انقطع الاتصال — جارٍ إعادة الاتصال', en: 'Connection lost — reconnecting' },
  soundHint: { ar: 'اضغط هنا لتفعيل الصوت', en: 'Tap to enable sound' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  unpairedTitle: { ar: 'هذه الشاشة غير مقترنة بالنظام', en: 'This display is not paired' },
  unpairedBody: {
    ar: 'يُرجى من المشرف إقران الشاشة برمز الإقران: افتح ‎/display?pair=الرمز‎',
    en: 'A supervisor must pair this screen with a pairing code: open /display?pair=CODE',
  },
  unpairedBadCode: { ar: 'رمز الإقران غير صالح أو منتهي الصلاحية', en: 'This pairing code is unknown, used or expired' },
} satisfies Record<string, Bilingual>;
