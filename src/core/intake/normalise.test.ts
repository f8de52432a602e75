import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseText, originalSpan } from './normalise.ts';

describe('analyseText', () => {
  it('converts to Simplified and fullwidth punctuation one for one', () => {
    const text = '著力推進,(一)發展:2023年１２月 1,000元 10:30';
    const a = analyseText(text);
    expect(a.norm).toBe('着力推进，（一）发展：2023年12月 1,000元 10:30');
    expect(a.norm.length).toBe(text.length);
    expect(a.toOriginal).toBeNull();
  });

  it('maps back through a conversion that changes length', () => {
    // 二噁英 → 二𫫇英: the Simplified form is outside the BMP, one code unit longer.
    const text = '減少二噁英排放。加強監管。';
    const a = analyseText(text);
    expect(a.toOriginal).not.toBeNull();
    const at = a.norm.indexOf('加强');
    expect(originalSpan(a, at, at + 4)).toEqual([text.indexOf('加強'), text.indexOf('加強') + 4]);
  });

  it('never maps a span outside the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('二', '噁', '英', '發', ',', '（', 'a', '\n', '１', '𠀀') }), fc.nat(), fc.nat(), (text, x, y) => {
        const a = analyseText(text);
        const s = Math.min(x, y) % (a.norm.length + 1);
        const e = Math.max(x, y) % (a.norm.length + 1);
        const [os, oe] = originalSpan(a, Math.min(s, e), Math.max(s, e));
        return os >= 0 && oe <= text.length && os <= oe;
      }),
    );
  });
});
