// Kiosk entry (/kiosk): fonts bundled, kiosk mode on, then the app.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import '../ui-kit/styles.css';
import './kiosk.css';
import { render } from 'preact';
import { KioskApp } from './app.tsx';
import { readConfig } from './config.ts';
import { lockDown } from './lockdown.ts';

const config = readConfig();
window.__kiosk = config;
lockDown();
render(<KioskApp config={config} />, document.getElementById('app')!);
