// The kiosk's "read aloud" plan (kiosk-ui/read-aloud-plan.ts): which clips each screen says, in
// which order, and that every one of them is in the committed clip set.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layout } from '../../display-ui/voice/clips.ts';
import { KIOSK_SENTENCES } from '../../display-ui/voice/kiosk-clips.ts';
import { clipUrls } from '../../display-ui/voice/player.ts';
import { readAloudClips, readAloudSteps, type ReadAloudScreen, type ReadAloudView } from '../../kiosk-ui/read-aloud-plan.ts';

const CLIPS = new URL('../../display-ui/voice/clips/', import.meta.url);
const SCREENS: ReadAloudScreen[] = ['start', 'appointment', 'services', 'priority', 'phone', 'ticket', 'message', 'wait', 'closed', 'unpaired'];

describe('read aloud: instruction → clips, per screen', () => {
  it.each<[ReadAloudView, string[]]>([
    [{ screen: 'start' }, ['ar-kiosk-welcome', 'ar-kiosk-start']],
    [{ screen: 'appointment' }, ['ar-kiosk-appointment']],
    [{ screen: 'services' }, ['ar-kiosk-services']],
    [{ screen: 'priority' }, ['ar-kiosk-priority']],
    [{ screen: 'phone' }, ['ar-kiosk-phone']],
    [{ screen: 'wait' }, ['ar-kiosk-wait']],
    [{ screen: 'closed' }, ['ar-kiosk-closed']],
    [{ screen: 'message' }, ['ar-kiosk-message']],
    [{ screen: 'unpaired' }, ['ar-kiosk-message']],
    // The ticket: its number with the board's letter and number clips (no leading zeros), then where to look.
    [{ screen: 'ticket', label: 'B-012' }, ['ar-kiosk-yourNumber', 'ar-letter-b', 'ar-n12', 'ar-kiosk-watchScreen']],
    [{ screen: 'ticket', label: 'A-121' }, ['ar-kiosk-yourNumber', 'ar-letter-a', 'ar-n100', 'ar-wa', 'ar-n1', 'ar-wa20', 'ar-kiosk-watchScreen']],
    // A held ticket's message says its number first.
    [{ screen: 'message', label: 'C-007' }, ['ar-kiosk-yourNumber', 'ar-letter-c', 'ar-n7', 'ar-kiosk-message']],
  ])('%o in Arabic', (view, arabic) => {
    expect(readAloudClips(view, 'ar')).toEqual(arabic);
  });

  it('English is the same sentences with the English clips, numbers said the English way', () => {
    expect(readAloudClips({ screen: 'start' }, 'en')).toEqual(['en-kiosk-welcome', 'en-kiosk-start']);
    expect(readAloudClips({ screen: 'ticket', label: 'A-121' }, 'en')).toEqual([
      'en-kiosk-yourNumber',
      'en-letter-a',
      'en-n1',
      'en-hundred',
      'en-and',
      'en-n20',
      'en-n1',
      'en-kiosk-watchScreen',
    ]);
  });

  it('the piece is Arabic, then English, with a longer pause between the languages than between sentences', () => {
    const view: ReadAloudView = { screen: 'ticket', label: 'B-012' };
    const steps = readAloudSteps(view);
    const clips = steps.flatMap((s) => ('clip' in s ? [s.clip] : []));
    expect(clips).toEqual([...readAloudClips(view, 'ar'), ...readAloudClips(view, 'en')]);
    // Laid out with every clip 1 s long: the silence before a clip is the gap the plan put there.
    const t = layout(steps, () => 1);
    expect(t.missing).toEqual([]);
    expect(t.clips.map((c) => c.name)).toEqual(clips);
    const gapBefore = (name: string) => {
      const i = t.clips.findIndex((c) => c.name === name);
      return t.clips[i]!.at - (t.clips[i - 1]!.at + 1);
    };
    expect(gapBefore('en-kiosk-yourNumber')).toBeGreaterThan(gapBefore('ar-kiosk-watchScreen'));
    expect(gapBefore('ar-kiosk-watchScreen')).toBeGreaterThan(gapBefore('ar-n12'));
  });

  it('every clip a screen says is in the committed set, in both languages', () => {
    for (const screen of SCREENS)
      for (const lang of ['ar', 'en'] as const)
        for (const clip of readAloudClips({ screen, label: 'Z-987' }, lang)) expect(existsSync(new URL(`${clip}.opus`, CLIPS)), clip).toBe(true);
    for (const key of Object.keys(KIOSK_SENTENCES))
      for (const lang of ['ar', 'en']) expect(existsSync(new URL(`${lang}-kiosk-${key}.opus`, CLIPS)), key).toBe(true);
  });

  it("the board's set leaves the kiosk's sentences out (it would fetch and decode them for nothing)", () => {
    const board = [...clipUrls().keys()];
    expect(board).toContain('ar-n12');
    expect(board).toContain('chime');
    expect(board.filter((name) => name.includes('-kiosk-'))).toEqual([]);
  });
});
