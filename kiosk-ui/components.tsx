// Pieces shared by the kiosk's screens and the status page.
import type { ComponentChildren } from 'preact';
import { useLang } from '../ui-kit/components.tsx';
import { dir, otherLang } from '../ui-kit/i18n.ts';
import type { Params } from '../ui-kit/translator.ts';
import { t, type MessageKey } from './i18n.ts';
import { BackspaceIcon } from './icons.tsx';

/** A message in the current language, optionally with the other language under it (smaller). */
export function Bi({ k, params, second = true, secondClass = 'second' }: { k: MessageKey; params?: Params; second?: boolean; secondClass?: string }) {
  const lang = useLang();
  const o = otherLang(lang);
  return (
    <>
      <span class="first" lang={lang}>
        {t(lang, k, params)}
      </span>
      {second && (
        <span class={secondClass} lang={o} dir={dir(o)}>
          {t(o, k, params)}
        </span>
      )}
    </>
  );
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A large numeric keypad (phone order, always left-to-right). */
export function Keypad(props: { onDigit(d: string): void; onClear(): void; onBack(): void; disabled?: boolean; testPrefix?: string }) {
  const lang = useLang();
  const p = props.testPrefix ?? 'keypad';
  const key = (d: string) => (
    <button type="button" class="key key-digit" data-testid={`${p}-${d}`} disabled={props.disabled} onClick={() => props.onDigit(d)}>
      {d}
    </button>
  );
  return (
    <div class="keypad" dir="ltr">
      {DIGITS.map(key)}
      <button type="button" class="key key-fn" data-testid={`${p}-clear`} disabled={props.disabled} onClick={props.onClear}>
        <span class="btn-text">
          <Bi k="keypad.clear" />
        </span>
      </button>
      {key('0')}
      <button type="button" class="key key-fn" data-testid={`${p}-back`} disabled={props.disabled} onClick={props.onBack} aria-label={t(lang, 'keypad.back')}>
        <BackspaceIcon size="1.4em" />
      </button>
    </div>
  );
}

/**
 * Boxes showing what was typed on a keypad: digits, dots for a PIN (`mask`), or dots only in the
 * boxes `hidden` names (the CPR, all but its last digits).
 */
export function DigitBoxes({
  value,
  length,
  mask,
  hidden,
  testId,
  groups,
}: {
  value: string;
  length: number;
  mask?: boolean;
  hidden?: (index: number) => boolean;
  testId: string;
  groups?: number[];
}) {
  const cells: ComponentChildren[] = [];
  let gi = 0;
  let inGroup = 0;
  for (let i = 0; i < length; i++) {
    const ch = value[i];
    cells.push(
      <span key={i} class={`digit-box${ch ? ' filled' : ''}${i === value.length ? ' caret' : ''}`} data-hidden={ch && (mask || hidden?.(i)) ? '' : undefined}>
        {ch ? (mask || hidden?.(i) ? '•' : ch) : ''}
      </span>,
    );
    inGroup++;
    if (groups && groups[gi] === inGroup && i < length - 1) {
      cells.push(<span key={`g${i}`} class="digit-gap" aria-hidden="true" />);
      gi++;
      inGroup = 0;
    }
  }
  return (
    <div
      class="digit-boxes"
      dir="ltr"
      data-testid={testId}
      data-value={mask ? undefined : value}
      role="status"
      aria-label={mask ? `${value.length} / ${length}` : value.split('').join(' ')}
    >
      {cells}
    </div>
  );
}

/** A reading aid the citizen switches on and off (large text, high contrast): its state is `aria-pressed`. */
export function AccessToggle({
  k,
  testId,
  on,
  onToggle,
  children,
}: {
  k: MessageKey;
  testId: string;
  on: boolean;
  onToggle(): void;
  children: ComponentChildren;
}) {
  return (
    <button type="button" class="btn access-toggle" data-testid={testId} aria-pressed={on} onClick={onToggle}>
      {children}
      <span class="access-text">
        <Bi k={k} />
      </span>
    </button>
  );
}
