// The kiosk's voice, loaded on the first press of "read aloud" (a lazy chunk: the first screen does
// not carry it). The display's clip player, made without preloading: each piece fetches only the
// clips it says (cached after), then plays them.
//
// Test hook (read it, don't listen): window.__readAloud, every piece as it is asked for:
//   { screen, clips (Arabic then English, as planned), played (the clips scheduled, in order), startedAt?, endedAt?, audible?, stopped? }
import { layout } from '../display-ui/voice/clips.ts';
import { clipUrls, VoicePlayer } from '../display-ui/voice/player.ts';
import { readAloudClips, readAloudSteps, type ReadAloudScreen, type ReadAloudView } from './read-aloud-plan.ts';

export interface ReadAloudPiece {
  screen: ReadAloudScreen;
  clips: string[];
  /** The clips scheduled on the sound card, in order (a clip that failed to load is missing here). */
  played?: string[];
  /** Local times (Date.now()): when the first clip sounded, when the piece ended or was stopped. */
  startedAt?: number;
  endedAt?: number;
  audible?: boolean;
  stopped?: boolean;
}

declare global {
  interface Window {
    __readAloud?: ReadAloudPiece[];
  }
}

/** How many pieces the hook keeps: a kiosk runs for days. */
const KEEP = 50;

// The board's clips (numbers, letters) and the kiosk's sentences, which the board's list leaves out.
const SENTENCES = import.meta.glob<string>('../display-ui/voice/clips/*-kiosk-*.{opus,ogg,mp3,m4a,wav}', {
  eager: true,
  query: '?no-inline',
  import: 'default',
});
const player = new VoicePlayer(new Map([...clipUrls(), ...clipUrls(SENTENCES)]), false, false);
/** Counts pieces: a piece whose turn has passed (stopped while its clips loaded) does not start. */
let turn = 0;

/** Says a view (any piece still playing stops first); resolves when it has been said or stopped. */
export async function say(view: ReadAloudView): Promise<void> {
  stop();
  const mine = turn;
  const piece: ReadAloudPiece = { screen: view.screen, clips: [...readAloudClips(view, 'ar'), ...readAloudClips(view, 'en')] };
  const hook = (window.__readAloud ??= []);
  hook.push(piece);
  if (hook.length > KEEP) hook.splice(0, hook.length - KEEP);
  await player.prepare(piece.clips);
  if (mine !== turn) {
    piece.stopped = true;
  } else {
    const timeline = layout(readAloudSteps(view), (name) => player.durationOf(name));
    piece.played = timeline.clips.map((c) => c.name);
    const result = await player.play(timeline, () => (piece.startedAt = Date.now()));
    piece.audible = result.audible;
    piece.stopped = result.stopped === true;
  }
  piece.endedAt = Date.now();
}

/** Silences the piece playing now (or about to play). */
export function stop(): void {
  turn++;
  player.stop();
}
