// A supervisor or an admin changed this counter's mode or services while it is open: the terminal
// says what the counter is now, for a while (the side panel's queues follow at once).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Counter } from '../protocol/domain.ts';
import { useLang } from '../ui-kit/components.tsx';
import { InfoIcon } from '../ui-kit/icons.tsx';
import { T } from './components.tsx';
import { servicesText } from './counter-text.ts';
import { tc } from './i18n.ts';
import type { Hall } from './model.ts';

/** True for `shownMs` after the counter's mode or services changed (not when it first shows). */
export function useSetupChanged(c: Counter | null, shownMs: number): boolean {
  const setup = c ? `${c.mode}|${c.serviceIds.join(',')}` : null;
  const seen = useRef(setup);
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    if (setup === null) return;
    if (seen.current !== null && seen.current !== setup) setChanged(true);
    seen.current = setup;
  }, [setup]);
  useEffect(() => {
    if (!changed) return;
    const timer = setTimeout(() => setChanged(false), shownMs);
    return () => clearTimeout(timer);
  }, [changed, setup, shownMs]);
  return changed;
}

export function SetupChangedNotice({ hall, counter: c }: { hall: Hall; counter: Counter }) {
  const lang = useLang();
  return (
    <p class="notice notice-info setup-changed" role="status" data-testid="setup-changed">
      <InfoIcon size="1.4em" />
      <T k="term.setupChanged" params={{ mode: tc(lang, `mode.${c.mode}`), services: servicesText(hall, c, lang) }} />
    </p>
  );
}
