// The question after service on the status page: five faces (1 very poor … 5 excellent) and an
// optional comment, answered once per ticket (`feedback.submit`, by the page's status token).
import { useState } from 'preact/hooks';
import { MAX_FEEDBACK_COMMENT } from '../protocol/feedback-limits.ts';
import { errorWords } from '../protocol/errors.ts';
import { toFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { useLang } from '../ui-kit/components.tsx';
import { dir, formatNumber, otherLang } from '../ui-kit/i18n.ts';
import { Bi } from './components.tsx';
import { t, type MessageKey } from './i18n.ts';
import type { Receipt } from './types.ts';

const RATINGS = [1, 2, 3, 4, 5] as const;
type Rating = (typeof RATINGS)[number];
/** From the hall's red to its green; the mouth bends from a frown to a smile. */
const FACE_COLOUR: Record<Rating, string> = { 1: '#9b1c23', 2: '#c0612b', 3: '#8a6d1f', 4: '#3f7f3a', 5: '#1b6b3a' };
const faceKey = (r: Rating) => `feedback.face${r}` as MessageKey;

function Face({ rating }: { rating: Rating }) {
  const bend = (rating - 3) * 3.5;
  return (
    <svg class="face" viewBox="0 0 32 32" width="100%" height="100%" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14.5" fill="#fff" stroke={FACE_COLOUR[rating]} stroke-width="2.2" />
      <circle cx="11" cy="12.5" r="1.9" fill={FACE_COLOUR[rating]} />
      <circle cx="21" cy="12.5" r="1.9" fill={FACE_COLOUR[rating]} />
      <path
        d={`M 9.5 ${21 - bend / 2} Q 16 ${21 + bend} 22.5 ${21 - bend / 2}`}
        fill="none"
        stroke={FACE_COLOUR[rating]}
        stroke-width="2.2"
        stroke-linecap="round"
      />
    </svg>
  );
}

/** `onAnswered(null)`: answered already (another tab, a lost reply) — the page fetches the ticket again. */
export function FeedbackQuestion({ token, onAnswered }: { token: string; onAnswered(r: Receipt | null): void }) {
  const lang = useLang();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (e: Event) => {
    e.preventDefault();
    if (rating === null || sending) return;
    setSending(true);
    setProblem(null);
    try {
      onAnswered(await call('feedback.submit', { token, rating, comment }, { timeoutMs: 10_000 }));
    } catch (err) {
      const f = toFailure(err);
      if (f.code === 'FEEDBACK_ALREADY_GIVEN') onAnswered(null);
      else setProblem(f.code);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="state-card feedback-card" data-testid="feedback-form" onSubmit={send}>
      <fieldset class="faces">
        <legend class="state-title small">
          <Bi k="feedback.question" />
        </legend>
        <div class="face-row" dir="ltr">
          {RATINGS.map((r) => (
            <label key={r} class={`face-choice${rating === r ? ' is-chosen' : ''}`} data-testid={`feedback-face-${r}`}>
              <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} class="sr-only" />
              <Face rating={r} />
              <span class="face-label" lang={lang} dir={dir(lang)}>
                {t(lang, faceKey(r))}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="feedback-comment">
        <span class="stat-label">
          <Bi k="feedback.comment" />
        </span>
        <textarea
          data-testid="feedback-comment"
          rows={3}
          maxLength={MAX_FEEDBACK_COMMENT}
          value={comment}
          dir="auto"
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
        />
        <span class="feedback-chars" lang={lang}>
          {t(lang, 'feedback.chars', { n: formatNumber(comment.length, lang), max: formatNumber(MAX_FEEDBACK_COMMENT, lang) })}
        </span>
      </label>
      {problem && (
        <p class="feedback-problem" role="alert" data-testid="feedback-problem" data-code={problem}>
          <span lang={lang}>{errorWords(lang, problem) ?? problem}</span>
          <span lang={otherLang(lang)} dir={dir(otherLang(lang))}>
            {errorWords(otherLang(lang), problem) ?? ''}
          </span>
        </p>
      )}
      <button type="submit" class="btn btn-primary feedback-send" data-testid="feedback-send" disabled={rating === null || sending}>
        <Bi k="feedback.send" />
      </button>
    </form>
  );
}
