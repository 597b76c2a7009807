// What the kiosk's "read aloud" button says on each screen, as clips of the display's voice
// (display-ui/voice/clips.ts): the screen's instruction sentence by sentence, in Arabic and then in
// English. A ticket is said as "your ticket number is B 12, please wait for your number on the
// screen": the service's name is not said (services are named by the hall in settings, and there are
// no clips of their names). Pure: unit-tested in tests/ui/kiosk-read-aloud.test.ts.
import { GAP, labelClips, type Step, type VoiceLang } from '../display-ui/voice/clips.ts';
import { kioskClip, type KioskSentence } from '../display-ui/voice/kiosk-clips.ts';

/** The screens that can be read aloud (the staff's PIN and panel cannot). */
export type ReadAloudScreen = 'start' | 'appointment' | 'services' | 'priority' | 'phone' | 'ticket' | 'message' | 'wait' | 'closed' | 'unpaired';

/** What is on screen: which screen, and the ticket number it shows (the ticket, a held ticket's message). */
export interface ReadAloudView {
  screen: ReadAloudScreen;
  label?: string;
}

/** A sentence clip, or a ticket number said with the number and letter clips. */
type Part = KioskSentence | { label: string };

function parts({ screen, label }: ReadAloudView): Part[] {
  const number: Part[] = label ? ['yourNumber', { label }] : [];
  switch (screen) {
    case 'start':
      return ['welcome', 'start'];
    case 'appointment':
    case 'services':
    case 'priority':
    case 'phone':
    case 'wait':
    case 'closed':
      return [screen];
    case 'ticket':
      return [...number, 'watchScreen'];
    case 'message':
    case 'unpaired':
      return [...number, 'message'];
  }
}

const partClips = (p: Part, lang: VoiceLang) => (typeof p === 'string' ? [kioskClip(p, lang)] : labelClips(p.label, lang));

/** One language's clips for a view, in order. */
export function readAloudClips(view: ReadAloudView, lang: VoiceLang): string[] {
  return parts(view).flatMap((p) => partClips(p, lang));
}

/** The whole piece: Arabic, a pause, then English; a short pause between sentences. */
export function readAloudSteps(view: ReadAloudView): Step[] {
  const steps: Step[] = [];
  for (const lang of ['ar', 'en'] as const) {
    if (lang === 'en') steps.push({ gap: GAP.betweenLanguages });
    parts(view).forEach((p, i) => {
      if (i > 0) steps.push({ gap: GAP.pause });
      for (const clip of partClips(p, lang)) steps.push({ clip }, { gap: GAP.word });
    });
  }
  return steps;
}
