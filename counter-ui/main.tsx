// Counter terminal entry (/counter): fonts bundled, shared styles, then the app.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts-staff.ts';
import '../ui-kit/styles.css';
import '../ui-kit/staff.css';
import './counter.css';
import { render } from 'preact';
import { CounterApp } from './app.tsx';

render(<CounterApp />, document.getElementById('app')!);
