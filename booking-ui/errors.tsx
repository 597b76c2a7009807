// The hub's refusals in the agent's language. Known codes have their own words; a validation
// failure is named by its field (and an IBAN by the rule it breaks, checked here before sending
// with the same rules the hub applies). Anything else keeps the hub's own message.
import { Phone } from '../protocol/api.ts';
import { ibanIssue, ibanProblem, type IbanIssue } from '../protocol/citizens.ts';
import { errorWords } from '../protocol/errors.ts';
import type { ApiFailure } from '../ui-kit/api.ts';
import type { Lang } from '../ui-kit/i18n.ts';
import { hasKey, tb } from './i18n.ts';

interface FieldDetail {
  path?: unknown[];
  issue?: IbanIssue;
}

/** What the agent reads for a failure, and the hub's own words when the console has none of its own. */
export function errorText(lang: Lang, f: ApiFailure): { text: string; hubWords: string | null } {
  const detail = Array.isArray(f.details) ? (f.details[0] as FieldDetail | undefined) : undefined;
  if (f.code === 'VALIDATION_FAILED' && detail) {
    if (detail.issue) return { text: tb(lang, `iban.${detail.issue}`), hubWords: null };
    const field = `bad.${String(detail.path?.at(-1) ?? '')}`;
    if (hasKey(field)) return { text: tb(lang, field), hubWords: null };
  }
  const words = errorWords(lang, f.code);
  if (words) return { text: words, hubWords: f.code === 'VALIDATION_FAILED' ? f.message : null };
  return { text: tb(lang, 'err.title'), hubWords: `${f.code} — ${f.message}` };
}

const invalid = (field: string, message: string, issue?: IbanIssue): ApiFailure => ({
  code: 'VALIDATION_FAILED',
  status: 0,
  message: `${field}: ${message}`,
  details: [{ path: [field], ...(issue ? { issue } : {}) }],
});

/** The hub's phone rule, checked before sending; null when fine. */
export const phoneFailure = (phone: string): ApiFailure | null => (Phone.safeParse(phone).success ? null : invalid('phone', 'not a Bahraini mobile number'));

/** The hub's IBAN rules, checked before sending; null when fine. */
export function ibanFailure(iban: string): ApiFailure | null {
  const issue = ibanIssue(iban);
  return issue ? invalid('iban', ibanProblem(iban)!, issue) : null;
}

export const fieldFailure = (field: 'cpr' | 'name' | 'nameAr' | 'dateOfBirth' | 'memberCpr' | 'address'): ApiFailure => invalid(field, 'invalid');

/** A refusal in the screen's language (and the hub's own words when the console has none for it). */
export function ErrorBox({ lang, error, onDismiss }: { lang: Lang; error: ApiFailure; onDismiss?: () => void }) {
  const { text, hubWords } = errorText(lang, error);
  return (
    <div class="notice notice-danger bk-error" role="alert" data-testid="error" data-code={error.code}>
      <span class="bk-error-text">
        <strong lang={lang} data-testid="error-text">
          {text}
        </strong>
        {hubWords && (
          <span class="bk-error-detail" lang="en" dir="ltr">
            {hubWords}
          </span>
        )}
      </span>
      {onDismiss && (
        <button type="button" class="btn btn-ghost btn-small" onClick={onDismiss}>
          {tb(lang, 'err.dismiss')}
        </button>
      )}
    </div>
  );
}
