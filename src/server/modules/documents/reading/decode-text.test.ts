import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, scoreDecoding } from './decode-text.ts';

describe('decodeText', () => {
  it.each([
    '推动高质量发展',
    '堅持穩中求進、以進促穩、先立後破',
    '勠力同心',
    '一、加快建设现代化产业体系（一）推进新型工业化。',
  ])('tells GB18030 from Big5 for %s', (text) => {
    for (const encoding of ['gb18030', 'big5']) {
      const bytes = iconv.encode(text, encoding);
      if (iconv.decode(bytes, encoding) !== text) continue;
      expect(decodeText(new Uint8Array(bytes))).toEqual({ text, encoding });
    }
  });

  it('reads UTF-16 without a BOM when ASCII shows its zero bytes', () => {
    const bytes = iconv.encode('Section 1. 推动发展 and more ASCII text here', 'utf-16le');
    expect(decodeText(new Uint8Array(bytes)).encoding).toBe('utf-16le');
  });

  it('scores a wrong decoding below the right one', () => {
    const bytes = iconv.encode('全會強調，要堅持和加強黨對經濟工作的全面領導。', 'big5');
    expect(scoreDecoding(iconv.decode(bytes, 'big5')).score).toBeGreaterThan(scoreDecoding(iconv.decode(bytes, 'gb18030')).score);
  });
});
