// The kiosk's "read aloud" (kiosk-ui/read-aloud-plan.ts): one clip per instruction sentence per
// language, named `<lang>-kiosk-<key>`, made by `npm run voice` with the board's clips. Apart from
// clips.ts so the board's page does not carry these texts; the board never plays them (player.ts
// leaves them out of its set).
import type { ClipSpec, VoiceLang } from './clips.ts';

/** What each sentence says (Arabic with diacritics for espeak-ng). */
export const KIOSK_SENTENCES = {
  welcome: { ar: 'أَهْلًا وَسَهْلًا.', en: 'Welcome.' },
  start: {
    ar: 'اخْتَرْ: لَدَيَّ مَوْعِد، أَوْ: لَيْسَ لَدَيَّ مَوْعِد، لِلْحُصُولِ عَلى رَقْمِ الدَّوْر.',
    en: "Choose: I have an appointment, or: I don't have an appointment, to get your queue number.",
  },
  appointment: {
    ar: 'أَدْخِلْ رَقْمَكَ الشَّخْصِيَّ بِلَوْحَةِ الأَرْقام، أَوِ امْسَحْ رَمْزَ الحَجْزِ أَمامَ الماسِحِ الضَّوْئِيّ.',
    en: 'Enter your CPR number on the keypad, or hold your booking code under the scanner.',
  },
  services: { ar: 'اخْتَرِ الخِدْمَةَ الَّتي تَحْتاجُها.', en: 'Choose the service you need.' },
  priority: {
    ar: 'إِنْ كُنْتَ بِحاجَةٍ إِلى أَوْلَوِيَّةٍ فَاخْتَرْ حالَتَك، وَإِلّا فَاخْتَرْ: لا، مُتابَعَة.',
    en: 'If you need priority service, choose your category; if not, choose: No, continue.',
  },
  phone: {
    ar: 'أَدْخِلْ رَقْمَ هاتِفِكَ المَحْمُولِ لِتَصِلَكَ رِسالَةٌ عِنْدَ اقْتِرابِ دَوْرِك، أَوِ اخْتَرْ: بِدُونِ رِسالَة.',
    en: 'Enter your mobile number to get a text message when your turn is near, or choose: No SMS.',
  },
  yourNumber: { ar: 'رَقْمُ تَذْكِرَتِك', en: 'Your ticket number is' },
  watchScreen: { ar: 'يُرْجى انْتِظارُ ظُهُورِ رَقْمِكَ عَلى الشّاشَة.', en: 'Please wait for your number on the screen.' },
  wait: { ar: 'لَحْظَةً مِنْ فَضْلِك، سَتَصْدُرُ تَذْكِرَتُكَ تِلْقائِيًّا.', en: 'One moment please, your ticket will be issued by itself.' },
  closed: {
    ar: 'أُغْلِقَتِ القاعَةُ لِهٰذا اليَوْم، يُرْجى العَوْدَةُ في يَوْمِ العَمَلِ التّالي.',
    en: 'The hall has closed for today; please come back on the next working day.',
  },
  message: {
    ar: 'يُرْجى قِراءَةُ الرِّسالَةِ عَلى الشّاشَة، أَوْ طَلَبُ المُساعَدَةِ مِنْ أَحَدِ المُوَظَّفين.',
    en: 'Please read the message on the screen, or ask a staff member for help.',
  },
} as const satisfies Record<string, Record<VoiceLang, string>>;

export type KioskSentence = keyof typeof KIOSK_SENTENCES;

/** Whole sentences for a citizen at the kiosk: slower than the board's brisk calls. */
const KIOSK_WPM = 160;

/** The clip of one kiosk sentence in one language. */
export const kioskClip = (key: KioskSentence, lang: VoiceLang) => `${lang}-kiosk-${key}`;

/** The kiosk's sentences, in the catalogue's order (appended after the board's clips). */
export function kioskCatalogue(): ClipSpec[] {
  return (['ar', 'en'] as const).flatMap((lang) =>
    (Object.keys(KIOSK_SENTENCES) as KioskSentence[]).map((key) => ({ name: kioskClip(key, lang), lang, text: KIOSK_SENTENCES[key][lang], wpm: KIOSK_WPM })),
  );
}
