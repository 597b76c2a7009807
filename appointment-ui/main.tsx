// The citizen's appointment page entry (/a/<token>): the link in every SMS about a booking. It shares the status page's phone layout.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts.ts';
import '../ui-kit/styles.css';
import '../kiosk-ui/status.css';
import './appointment.css';
import { render } from 'preact';
import { AppointmentApp } from './app.tsx';

render(<AppointmentApp />, document.getElementById('app')!);
