// Status page entry (/t/<token>): the citizen's phone.
import '../ui-kit/zod-jitless.ts';
import '../ui-kit/fonts.ts';
import '../ui-kit/styles.css';
import './status.css';
import { render } from 'preact';
import { StatusApp } from './status-app.tsx';

render(<StatusApp />, document.getElementById('app')!);
