// An action the hub refused: a friendly text for the common codes (worded from the refusal's
// details where it has them), and the hub's own words; and what an action did, when that matters.
import { useLang } from '../ui-kit/components.tsx';
import { WalkinsHeldDetails } from '../protocol/api.ts';
import { errorWords } from '../protocol/errors.ts';
import { holdText } from './counter-text.ts';
import { useShell } from './header.tsx';
import { tc } from './i18n.ts';
import { AlertIcon, CheckCircleIcon, CloseIcon } from '../ui-kit/icons.tsx';

export interface ActionError {
  code: string;
  message: string;
  details?: unknown;
}

export function ErrorBanner({ error, onDismiss }: { error: ActionError; onDismiss?: () => void }) {
  const lang = useLang();
  const { now, timeZone } = useShell();
  const words = errorWords(lang, error.code);
  const hold = error.code === 'WALKINS_HELD' ? WalkinsHeldDetails.safeParse(error.details) : null;
  return (
    <div class="notice notice-danger action-error" role="alert" data-testid="action-error" data-code={error.code}>
      <AlertIcon size="1.5em" />
      <span class="notice-text">
        <span class="notice-main" lang={lang}>
          {words ?? tc(lang, 'err.generic')}
        </span>
        {hold?.success && (
          <span class="notice-main" lang={lang} data-testid="hold-words">
            {holdText(hold.data, now, lang, timeZone)}
          </span>
        )}
        <span class="notice-detail" lang="en" dir="ltr">
          {error.code} — {error.message}
        </span>
      </span>
      {onDismiss && (
        <button type="button" class="notice-close" aria-label={tc(lang, 'err.dismiss')} onClick={onDismiss}>
          <CloseIcon size="1.2em" />
        </button>
      )}
    </div>
  );
}

/** What the last action did (a ticket finished or marked a no-show), so a misclick is noticed at once. */
export function DoneBanner({ text, onDismiss }: { text: string; onDismiss(): void }) {
  const lang = useLang();
  return (
    <div class="notice notice-ok action-done" role="status" data-testid="action-done">
      <CheckCircleIcon size="1.5em" />
      <span class="notice-text">
        <span class="notice-main" lang={lang}>
          {text}
        </span>
      </span>
      <button type="button" class="notice-close" aria-label={tc(lang, 'err.dismiss')} onClick={onDismiss}>
        <CloseIcon size="1.2em" />
      </button>
    </div>
  );
}
