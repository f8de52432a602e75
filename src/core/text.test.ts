import { describe, expect, it } from 'vitest';
import { cleanTitleText, hasVisibleCharacter, isPlainText, stripForbiddenText, tidyTitle } from './text.ts';

describe('plain text and titles', () => {
  it('refuses control and bidirectional override characters, keeps tab, newline and carriage return', () => {
    for (const c of ['\u0000', '\u0001', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069']) {
      expect({ c, ok: isPlainText(`a${c}b`) }).toEqual({ c, ok: false });
    }
    expect(isPlainText('一\t二\r\n三 \u200d \u200e')).toBe(true);
    expect(stripForbiddenText('a\u0000b\u202ec')).toBe('abc');
  });

  it('tidies titles and requires a visible character', () => {
    expect(tidyTitle('  推进\u3000\u3000数字化\u202e  ')).toBe('推进 数字化');
    expect(tidyTitle('\u200b\ufeff任务\u200b')).toBe('任务');
    expect(hasVisibleCharacter('\u200b\u200c\u2060')).toBe(false);
    expect(hasVisibleCharacter('—')).toBe(true);
    expect(cleanTitleText('\u200b', 10)).toBeNull();
    expect(cleanTitleText('x'.repeat(11), 10)).toBeNull();
    expect(cleanTitleText(' 任务 ', 10)).toBe('任务');
  });
});
