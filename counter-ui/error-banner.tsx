// An action the hub refused: a friendly text for the common codes, and the hub's own words.
import { useLang } from '../ui-kit/components.tsx';
import { errorWords } from '../protocol/errors.ts';
import { tc } from './i18n.ts';
import { AlertIcon, CloseIcon } from '../ui-kit/icons.tsx';

export interface ActionError {
  code: string;
  message: string;
}

export function ErrorBanner({ error, onDismiss }: { error: ActionError; onDismiss?: () => void }) {
  const lang = useLang();
  const words = errorWords(lang, error.code);
  return (
    <div class="notice notice-danger action-error" role="alert" data-testid="action-error" data-code={error.code}>
      <AlertIcon size="1.5em" />
      <span class="notice-text">
        <span class="notice-main" lang={lang}>
          {words ?? tc(lang, 'err.generic')}
        </span>
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
