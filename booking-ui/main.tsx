// Call-center booking console entry (/booking): fonts bundled, shared styles, then the app.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts-staff.ts';
import '../ui-kit/styles.css';
import '../ui-kit/desk.css';
import '../ui-kit/staff.css';
import './booking.css';
import { render } from 'preact';
import { BookingApp } from './app.tsx';

render(<BookingApp />, document.getElementById('app')!);
