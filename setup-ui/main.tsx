// The first-run setup page (/setup?token=…): fonts bundled, shared styles, then the form.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts-staff.ts';
import '../ui-kit/styles.css';
import '../ui-kit/desk.css';
import './setup.css';
import { render } from 'preact';
import { SetupApp } from './app.tsx';

render(<SetupApp />, document.getElementById('app')!);
