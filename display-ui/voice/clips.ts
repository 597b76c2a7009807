// The display board's voice: which short clips exist, what each one says, and how an
// announcement ("التذكرة B 12، الشباك 3" / "Ticket B 12, counter 3") is assembled from
// them at play time. Pure and framework-free: used by the browser (display-ui/announcer.ts) and by
// the generator (`npm run voice`, display-ui/voice/make-clips.ts).
//
// A clip's name is its file name without the extension (display-ui/voice/clips/<name>.opus). A hall
// may replace any clip with a recording of its own under the same name (see README.md here).
//
// Arabic numbers: 0–19 are single clips; 21–99 are "units" + "wa-tens" (واحد + وعشرون); hundreds
// are single clips (مئة، مئتان، ثلاثمئة…) followed by "wa" (و) and the rest. English: 0–19, the
// tens, "hundred" and "and". Letters are the Latin letter names, in both languages (in Arabic as
// said in the Gulf: بي، سي، دي…). Numbers of 1000 or more are read digit by digit.

export type VoiceLang = 'ar' | 'en';

export interface ClipSpec {
  /** File name without extension; also the key in manifest.json. */
  name: string;
  lang: VoiceLang | null;
  /** What espeak-ng says (Arabic with diacritics, which espeak needs to pronounce it right). */
  text: string;
  /** Speaking rate in words a minute, when not the generator's default (the kiosk's sentences are said slower). */
  wpm?: number;
}

// --- Arabic
const AR_UNITS: Record<number, string> = {
  0: 'صِفْر',
  1: 'واحِد',
  2: 'اثْنان',
  3: 'ثَلاثَة',
  4: 'أَرْبَعَة',
  5: 'خَمْسَة',
  6: 'سِتَّة',
  7: 'سَبْعَة',
  8: 'ثَمانِيَة',
  9: 'تِسْعَة',
  10: 'عَشَرَة',
  11: 'أَحَدَ عَشَر',
  12: 'اثْنا عَشَر',
  13: 'ثَلاثَةَ عَشَر',
  14: 'أَرْبَعَةَ عَشَر',
  15: 'خَمْسَةَ عَشَر',
  16: 'سِتَّةَ عَشَر',
  17: 'سَبْعَةَ عَشَر',
  18: 'ثَمانِيَةَ عَشَر',
  19: 'تِسْعَةَ عَشَر',
};
const AR_TENS: Record<number, string> = {
  20: 'عِشْرُون',
  30: 'ثَلاثُون',
  40: 'أَرْبَعُون',
  50: 'خَمْسُون',
  60: 'سِتّون',
  70: 'سَبْعُون',
  80: 'ثَمانُون',
  90: 'تِسْعُون',
};
const AR_HUNDREDS: Record<number, string> = {
  100: 'مِئَة',
  200: 'مِئَتان',
  300: 'ثَلاثُمِئَة',
  400: 'أَرْبَعُمِئَة',
  500: 'خَمْسُمِئَة',
  600: 'سِتُّمِئَة',
  700: 'سَبْعُمِئَة',
  800: 'ثَمانِمِئَة',
  900: 'تِسْعُمِئَة',
};
/** Latin letter names as Arabic speakers say them. */
const AR_LETTERS: Record<string, string> = {
  A: 'إيه',
  B: 'بي',
  C: 'سي',
  D: 'دي',
  E: 'إي',
  F: 'إف',
  G: 'جي',
  H: 'إِتْش',
  I: 'آي',
  J: 'جِيه',
  K: 'كِيه',
  L: 'إِل',
  M: 'إِم',
  N: 'إِن',
  O: 'أُو',
  P: 'پي',
  Q: 'كْيُو',
  R: 'آر',
  S: 'إِس',
  T: 'تي',
  U: 'يُو',
  V: 'في',
  W: 'دَبْلْيُو',
  X: 'إِكْس',
  Y: 'وَايْ',
  Z: 'زِد',
};

// --- English
const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS: Record<number, string> = { 20: 'twenty', 30: 'thirty', 40: 'forty', 50: 'fifty', 60: 'sixty', 70: 'seventy', 80: 'eighty', 90: 'ninety' };
/** espeak reads a lone "A" as the article; phoneme input makes every letter its name. */
const EN_LETTER_PHONEMES: Record<string, string> = {
  A: 'eI',
  B: 'bi:',
  C: 'si:',
  D: 'di:',
  E: 'i:',
  F: 'Ef',
  G: 'dZi:',
  H: 'eItS',
  I: 'aI',
  J: 'dZeI',
  K: 'keI',
  L: 'El',
  M: 'Em',
  N: 'En',
  O: 'oU',
  P: 'pi:',
  Q: 'kju:',
  R: 'A@',
  S: 'Es',
  T: 'ti:',
  U: 'ju:',
  V: 'vi:',
  W: 'dVb@lju:',
  X: 'Eks',
  Y: 'waI',
  Z: 'zEd',
};

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

export const WORDS = {
  ar: { ticket: 'التَّذْكِرَة', counter: 'الشُّبّاك', wa: 'وَ' },
  en: { ticket: 'Ticket', counter: 'counter', hundred: 'hundred', and: 'and' },
} as const;

/** Every clip of the default set, in a stable order. */
export function clipCatalogue(): ClipSpec[] {
  const out: ClipSpec[] = [{ name: 'chime', lang: null, text: '(two-tone chime, synthesised)' }];
  out.push(
    { name: 'ar-ticket', lang: 'ar', text: WORDS.ar.ticket },
    { name: 'ar-counter', lang: 'ar', text: WORDS.ar.counter },
    { name: 'ar-wa', lang: 'ar', text: WORDS.ar.wa },
  );
  for (const [n, text] of Object.entries(AR_UNITS)) out.push({ name: `ar-n${n}`, lang: 'ar', text });
  for (const [n, text] of Object.entries(AR_TENS)) {
    out.push({ name: `ar-n${n}`, lang: 'ar', text });
    out.push({ name: `ar-wa${n}`, lang: 'ar', text: `وَ${text}` });
  }
  for (const [n, text] of Object.entries(AR_HUNDREDS)) out.push({ name: `ar-n${n}`, lang: 'ar', text });
  for (const l of LETTERS) out.push({ name: `ar-letter-${l.toLowerCase()}`, lang: 'ar', text: AR_LETTERS[l]! });
  out.push(
    { name: 'en-ticket', lang: 'en', text: WORDS.en.ticket },
    { name: 'en-counter', lang: 'en', text: WORDS.en.counter },
    { name: 'en-hundred', lang: 'en', text: WORDS.en.hundred },
    { name: 'en-and', lang: 'en', text: WORDS.en.and },
  );
  EN_UNITS.forEach((text, n) => out.push({ name: `en-n${n}`, lang: 'en', text }));
  for (const [n, text] of Object.entries(EN_TENS)) out.push({ name: `en-n${n}`, lang: 'en', text });
  for (const l of LETTERS) out.push({ name: `en-letter-${l.toLowerCase()}`, lang: 'en', text: `[[${EN_LETTER_PHONEMES[l]!}]]` });
  return out;
}

/** The clips that say a whole number `n` (≥ 0). */
export function numberClips(n: number, lang: VoiceLang): string[] {
  if (!Number.isInteger(n) || n < 0) return [];
  if (n >= 1000)
    return String(n)
      .split('')
      .map((d) => `${lang}-n${d}`);
  const h = Math.floor(n / 100) * 100;
  const r = n % 100;
  const out: string[] = [];
  if (h > 0) {
    if (lang === 'ar') out.push(`ar-n${h}`);
    else out.push(`en-n${h / 100}`, 'en-hundred');
    if (r === 0) return out;
    out.push(lang === 'ar' ? 'ar-wa' : 'en-and');
  }
  if (r < 20) {
    out.push(`${lang}-n${r}`);
    return out;
  }
  const u = r % 10;
  const t = r - u;
  if (u === 0) out.push(`${lang}-n${t}`);
  else if (lang === 'ar') out.push(`ar-n${u}`, `ar-wa${t}`);
  else out.push(`en-n${t}`, `en-n${u}`);
  return out;
}

/** "B-012" → { letters: "B", number: 12 }; null for a label of another shape. */
export function parseLabel(label: string): { letters: string; number: number } | null {
  const m = /^([A-Za-z]{1,3})[-\s]?0*(\d{1,6})$/.exec(label.trim());
  if (!m) return null;
  return { letters: m[1]!.toUpperCase(), number: Number(m[2]) };
}

/** The clips that say a ticket label: its letters, then its number without leading zeros. */
export function labelClips(label: string, lang: VoiceLang): string[] {
  const p = parseLabel(label);
  if (p) return [...p.letters.split('').map((l) => `${lang}-letter-${l.toLowerCase()}`), ...numberClips(p.number, lang)];
  // Anything else: letter by letter, digit by digit.
  const out: string[] = [];
  for (const ch of label.toUpperCase()) {
    if (/[A-Z]/.test(ch)) out.push(`${lang}-letter-${ch.toLowerCase()}`);
    else if (/[0-9]/.test(ch)) out.push(`${lang}-n${ch}`);
  }
  return out;
}

/** A pause between parts of the sentence (marks the comma in "ticket B 12, counter 3"). */
export const PAUSE = '|';

/**
 * One language's sentence for one call. The full form, "ticket <label> | counter <n>", when the
 * call is alone; the short form, "<label> | counter <n>", when calls are queued (no filler word).
 */
export function sentenceClips(label: string, counter: number, lang: VoiceLang, form: 'full' | 'short' = 'full'): string[] {
  const ticket = form === 'full' ? [`${lang}-ticket`] : [];
  return [...ticket, ...labelClips(label, lang), PAUSE, `${lang}-counter`, ...numberClips(counter, lang)];
}

let clipTexts: Map<string, string> | undefined;

/**
 * The sentence a call's clips say, as text for screen readers on the board (the board shows only
 * "B-012"): «التذكرة بي اثنا عشر، الشباك ثلاثة» / "Ticket B twelve, counter three".
 */
export function sentenceText(label: string, counter: number, lang: VoiceLang): string {
  clipTexts ??= new Map(clipCatalogue().map((c) => [c.name, c.text]));
  const words = sentenceClips(label, counter, lang).map((clip) => {
    if (clip === PAUSE) return lang === 'ar' ? '،' : ',';
    // English letter clips hold espeak phonemes: the letter itself reads right.
    if (clip.startsWith('en-letter-')) return clip.slice(-1).toUpperCase();
    // Arabic without its diacritics (they are there for espeak).
    return clipTexts!.get(clip)!.replace(/[\u064B-\u0652]/g, '');
  });
  // The comma sticks to the word before it; the lone "wa" (و) to the word after it.
  return words
    .join(' ')
    .replace(/ ([,،])/g, '$1')
    .replace(/(^| )و /g, '$1و');
}

/** Gaps, in seconds. The speech starts while the chime's last tone fades (at most `chimeMax` in). */
// (The player adds ~0.13 s around each piece: between calls and languages the pauses are ~0.35 and ~0.5 s.)
export const GAP = { chimeMax: 1.0, afterChime: 0.15, word: 0.03, pause: 0.2, betweenCalls: 0.22, betweenLanguages: 0.37 };

/** What a piece of speech is made of: a clip, a silence, or "the call's words start here". */
export type Step = { clip: string; advance?: number } | { gap: number } | { mark: true };

/** Opens a round of calls: the chime, and the speech starts while its last tone fades. */
export const CHIME: Step[] = [{ clip: 'chime', advance: GAP.chimeMax }, { gap: GAP.afterChime }];

/**
 * One call in one language, after `lead` (the chime, or the pause after the call before it). A
 * round says every call in Arabic, then every call in English, one such piece at a time.
 */
export function callSteps(lead: Step[], call: { label: string; counter: number }, lang: VoiceLang, form: 'full' | 'short'): Step[] {
  const steps: Step[] = [...lead, { mark: true }];
  for (const name of sentenceClips(call.label, call.counter, lang, form)) steps.push(name === PAUSE ? { gap: GAP.pause } : { clip: name }, { gap: GAP.word });
  return steps;
}

export interface Timeline {
  /** Each clip and when it starts (seconds from the piece's start). */
  clips: { name: string; at: number }[];
  /** When the call's words start. */
  marks: number[];
  /** When the last sound ends. */
  end: number;
  /** Clips the set lacks (skipped). */
  missing: string[];
}

/** Lays a piece out in time from the clips' durations (seconds; undefined: the clip is missing). */
export function layout(steps: Step[], durationOf: (name: string) => number | undefined): Timeline {
  const out: Timeline = { clips: [], marks: [], end: 0, missing: [] };
  let t = 0;
  for (const step of steps) {
    if ('gap' in step) t += step.gap;
    else if ('mark' in step) out.marks.push(t);
    else {
      const d = durationOf(step.clip);
      if (d === undefined) {
        out.missing.push(step.clip);
        continue;
      }
      out.clips.push({ name: step.clip, at: t });
      out.end = Math.max(out.end, t + d);
      t += Math.min(d, step.advance ?? Infinity);
    }
  }
  out.end = Math.max(out.end, t);
  return out;
}
