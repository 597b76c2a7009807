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

const config = readConfig();
window.__kiosk = config;
lockDown();

// Installers pair a kiosk once by opening /kiosk?pair=<code> (the code from the supervisor).
const pairError = await pairFromUrl();

render(<KioskApp config={config} pairError={pairError} />, document.getElementById('app')!);
