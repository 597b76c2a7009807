// A counter's optional name beside its number ("Appointments"), as an admin sets it: one language
// given stands for both, so a screen never shows a name in one language and a blank in the other.
import type { Counter } from '../protocol/domain.ts';

export function counterName(c: Pick<Counter, 'nameAr' | 'nameEn'> | null | undefined): { ar: string; en: string } | null {
  if (!c || (!c.nameAr && !c.nameEn)) return null;
  return { ar: c.nameAr || c.nameEn, en: c.nameEn || c.nameAr };
}
