// Status page entry (/t/<token>): the citizen's phone.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import '../ui-kit/styles.css';
import './status.css';
import { render } from 'preact';
import { StatusApp } from './status-app.tsx';

render(<StatusApp />, document.getElementById('app')!);
