// A modal dialog for the staff screens (native <dialog>: focus trap, inert page, Escape), styled by
// ui-kit/staff.css; the counter's dialogs, the password dialog and the supervisor console's.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLang } from './components.tsx';
import { dir } from './i18n.ts';

/** Mounted = open; Escape and the backdrop call onClose, so the app's state stays the one source of truth. */
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
