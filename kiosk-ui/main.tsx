// Kiosk entry (/kiosk): fonts bundled, kiosk mode on, then the app.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import '../ui-kit/styles.css';
import './kiosk.css';
import { render } from 'preact';
import { api, isApiFailure } from '../ui-kit/api.ts';
import { KioskApp } from './app.tsx';
import { readConfig } from './config.ts';
import { lockDown } from './lockdown.ts';

const config = readConfig();
window.__kiosk = config;
lockDown();

// Installers pair a kiosk once by opening /kiosk?pair=<code> (the code from the supervisor);
// the hub answers with the device cookie and the code leaves the address bar.
let pairError: string | null = null;
const url = new URL(location.href);
const pairCode = url.searchParams.get('pair');
if (pairCode) {
  try {
    await api('/api/devices/pair', { body: { code: pairCode.trim().toUpperCase() } });
  } catch (e) {
    pairError = isApiFailure(e) ? e.code : 'NETWORK';
  }
  url.searchParams.delete('pair');
  history.replaceState(null, '', url);
}

render(<KioskApp config={config} pairError={pairError} />, document.getElementById('app')!);
