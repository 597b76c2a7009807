// Kiosk entry (/kiosk): fonts bundled, kiosk mode on, then the app.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts.ts';
import '../ui-kit/styles.css';
import './kiosk.css';
import { render } from 'preact';
import { pairFromUrl } from '../ui-kit/pairing.ts';
import { KioskApp } from './app.tsx';
import { readConfig } from './config.ts';
import { lockDown } from './lockdown.ts';
import { loadQrLibrary } from './qr.tsx';

const config = readConfig();
window.__kiosk = config;
lockDown();

// Installers pair a kiosk once by opening /kiosk?pair=<code> (the code from the supervisor).
const pairError = await pairFromUrl();

render(<KioskApp config={config} pairError={pairError} />, document.getElementById('app')!);
// Fetched now, after the first screen, so a ticket's QR code does not wait for it (and a kiosk left
// running across a hub update does not ask for a chunk the new build no longer has).
loadQrLibrary().catch(() => {});
