// Small pieces shared by the counter's screens.
import { useLang } from '../ui-kit/components.tsx';
import type { Params } from '../ui-kit/translator.ts';
import { tc, type CKey } from './i18n.ts';

/** A counter message in the screen's language. */
export function T({ k, params, class: cls }: { k: CKey; params?: Params; class?: string }) {
  const lang = useLang();
  return (
    <span class={cls} lang={lang}>
      {tc(lang, k, params)}
    </span>
  );
}

/** The keyboard shortcut printed on a button. */
export function Kbd({ keys }: { keys: string[] }) {
  return (
    <span class="kbds" aria-hidden="true" dir="ltr">
      {keys.map((k) => (
        <kbd key={k} class={k === '␣' ? 'kbd-space' : undefined} title={k === '␣' ? 'Space' : undefined}>
          {k}
        </kbd>
      ))}
    </span>
  );
}
