// Supervisor console entry (/supervisor): fonts bundled, shared styles, then the app.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts-staff.ts';
import '../ui-kit/styles.css';
import '../ui-kit/desk.css';
import '../ui-kit/staff.css';
import './supervisor.css';
import { render } from 'preact';
import { SupervisorApp } from './app.tsx';

render(<SupervisorApp />, document.getElementById('app')!);
