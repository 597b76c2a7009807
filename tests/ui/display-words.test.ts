// The board's call in words for screen readers (display-ui/voice/clips.ts `sentenceText`): the same
// sentence the clips say, written out without espeak's diacritics and phonemes.
import { describe, expect, it } from 'vitest';
import { sentenceText } from '../../display-ui/voice/clips.ts';

describe('a call in words', () => {
  it('Arabic: letter names, the number as said, «و» joined to the word after it', () => {
    expect(sentenceText('B-012', 3, 'ar')).toBe('التذكرة بي اثنا عشر، الشباك ثلاثة');
    expect(sentenceText('A-121', 14, 'ar')).toBe('التذكرة إيه مئة وواحد وعشرون، الشباك أربعة عشر');
    expect(sentenceText('C-100', 21, 'ar')).toBe('التذكرة سي مئة، الشباك واحد وعشرون');
  });

  it('English: the letter itself, the number in words', () => {
    expect(sentenceText('B-012', 3, 'en')).toBe('Ticket B twelve, counter three');
    expect(sentenceText('A-121', 14, 'en')).toBe('Ticket A one hundred and twenty one, counter fourteen');
    expect(sentenceText('B-1234', 2, 'en')).toBe('Ticket B one two three four, counter two');
  });
});
