import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyRepairs, proposeRepairs } from './repair.ts';

const REFERENCE = readFileSync(new URL('../../../test/fixtures/intake/000_90be646031b961ed.txt', import.meta.url), 'utf8');

describe('proposeRepairs', () => {
  const repairs = proposeRepairs(REFERENCE);
  const at = (needle: string, offset = 0) => REFERENCE.indexOf(needle) + offset;

  it('proposes the Traditional forms a machine conversion left out', () => {
    const found = repairs.map((r) => `${r.from}${r.to}@${r.span[0]}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `干幹@${at('全市干部', 2)}`,
        `于於@${at('于2023年')}`,
        `并並@${at('報告并講話', 2)}`,
        `后後@${at('先立后破', 2)}`,
        `斗鬥@${at('斗爭精神')}`,
        `范範@${at('防范化解', 1)}`,
      ]),
    );
    for (const r of repairs) expect(REFERENCE.slice(r.span[0], r.span[1])).toBe(r.from);
  });

  it('never proposes the round-trip mistakes 掌握髮展, 足額髮放, 對錶', () => {
    expect(repairs.some((r) => r.to === '髮' || r.to === '錶')).toBe(false);
    const text = '掌握發展主動權，保障工資足額發放，對標對表，于是干部並進。';
    const proposed = proposeRepairs(text).map((r) => `${r.from}→${r.to}`);
    expect(proposed).toEqual(['于→於', '干→幹']);
  });

  it('marks phrase-chosen forms as low confidence', () => {
    const low = repairs.filter((r) => r.confidence === 'low').map((r) => `${r.from}→${r.to}`);
    expect(low).toEqual(['里→裡']);
  });

  it('proposes nothing for Simplified text', () => {
    expect(proposeRepairs('全市干部群众于年底前完成任务。')).toEqual([]);
  });
});

describe('applyRepairs', () => {
  it('applies the accepted repairs and only those', () => {
    const text = '全市干部群眾于年底前並進。';
    const repairs = proposeRepairs(text);
    expect(repairs.map((r) => r.to)).toEqual(['幹', '於']);
    expect(applyRepairs(text, repairs.slice(0, 1))).toBe('全市幹部群眾于年底前並進。');
    expect(applyRepairs(text, repairs)).toBe('全市幹部群眾於年底前並進。');
  });

  it('ignores a repair that no longer matches the text', () => {
    expect(applyRepairs('干部', [{ span: [0, 1], from: '于', to: '於', reason: '', confidence: 'high' }])).toBe('干部');
  });
});
