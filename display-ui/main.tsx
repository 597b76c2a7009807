// Hall display board entry (/display): fonts bundled, pairing, the voice, then the board.
//
// The TV: a paired display device (httpOnly `dor_device` cookie). Pair it once by opening
// /display?pair=<code> (code from the supervisor); in the demo, /demo/open/display.
//
// Unattended TV: run Chromium full screen, with sound allowed without a tap:
//
//   chromium --kiosk --noerrdialogs --disable-infobars --no-first-run \
//     --autoplay-policy=no-user-gesture-required \
//     --disable-session-crashed-bubble --disable-features=Translate \
//     --check-for-update-interval=31536000 \
//     http://<hub>/display
//
// Without --autoplay-policy=no-user-gesture-required the board still works, but stays silent
// (announcements are queued and shown) until someone taps the screen once; a small
// "tap to enable sound" hint says so. The board reloads itself when a new version of the screens
// is deployed, and reconnects by itself after a network loss or a hub restart.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts.ts';
import '../ui-kit/styles.css';
import './display.css';
import { render } from 'preact';
import { pairFromUrl } from '../ui-kit/pairing.ts';
import { DisplayApp, Guard } from './app.tsx';
import { readConfig } from './config.ts';
import { VoicePlayer } from './voice/player.ts';

const config = readConfig();
window.__display = config;

const pairError = await pairFromUrl();

const player = new VoicePlayer(undefined, !config.sound);
// No context menu or text selection on a wall screen.
window.addEventListener('contextmenu', (e) => e.preventDefault(), { capture: true });

render(
  <Guard>
    <DisplayApp config={config} player={player} pairError={pairError} />
  </Guard>,
  document.getElementById('app')!,
);
