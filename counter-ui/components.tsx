// Small pieces shared by the counter's screens.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLang } from '../ui-kit/components.tsx';
import { dir } from '../ui-kit/i18n.ts';
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

/**
 * A modal dialog (native <dialog>: focus trap, inert page, Escape). Mounted = open; Escape and the
 * backdrop call onClose, so the app's state stays the one source of truth.
 */
export function Modal({
  onClose,
  labelId,
  testId,
  children,
  class: cls,
  onKeyDown,
}: {
  onClose(): void;
  /** Keys pressed anywhere inside the dialog (e.g. Enter confirms). */
  onKeyDown?(e: KeyboardEvent): void;
  labelId: string;
  testId: string;
  children: ComponentChildren;
  class?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const lang = useLang();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`modal${cls ? ` ${cls}` : ''}`}
      aria-labelledby={labelId}
      data-testid={testId}
      dir={dir(lang)}
      lang={lang}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        // A press on the backdrop (outside the dialog box) closes it.
        const d = ref.current;
        if (d && e.target === d) {
          const r = d.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) onClose();
        }
      }}
    >
      {children}
    </dialog>
  );
}
