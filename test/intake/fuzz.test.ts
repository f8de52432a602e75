import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core/intake/index.ts';
import type { DecomposedItem } from '../../src/core/intake/index.ts';
import { IntakeError, readDocument } from '../../src/server/modules/documents/reading/index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url)));

function checkSpans(text: string, items: DecomposedItem[], parent: [number, number]): void {
  for (const it of items) {
    expect(it.span[0]).toBeGreaterThanOrEqual(parent[0]);
    expect(it.span[1]).toBeLessThanOrEqual(parent[1]);
    expect(it.span[0]).toBeLessThanOrEqual(it.span[1]);
    expect(text.slice(it.span[0], it.span[1]).startsWith(it.label ?? '')).toBe(true);
    checkSpans(text, it.children, it.span);
  }
}

async function readsOrRefuses(bytes: Uint8Array, filename?: string): Promise<void> {
  try {
    const r = await readDocument(bytes, filename ? { filename, timeoutMs: 5000 } : { timeoutMs: 5000 });
    expect(typeof r.text).toBe('string');
  } catch (e) {
    expect(e).toBeInstanceOf(IntakeError);
  }
}

// Pieces that trip parsers: every marker style, both punctuation widths, quotes, brackets, numbers, line breaks.
const PIECES = ['一、', '（一）', '(二)', '1.', '2．', '3、', '（1）', '①', '②', '第一，', '一是', '二是', '一要', '二要', '首先，', '其次，', '最后，',
  '推进', '坚持', '要', '发展', '，', ',', '。', '；', '：', ':', '“', '”', '（', '）', '《', '》', '\n', '\r\n', ' ', '2.5', '5%', '左右', '2025年', '年底前',
  '附件', '总体要求是：', '目标：', '全会强调', '發展', '著力', '二噁英', '𠀀', 'a', '9'];

describe('never a crash, never a hang', () => {
  it('decompose survives arbitrary marker soup with valid spans', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }).map((a) => a.join('')), (text) => {
        const d = decompose(text);
        checkSpans(text, d.items, [0, text.length]);
        for (const f of d.formulations) for (const [s, e] of f.spans) expect(s >= 0 && e <= text.length).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('decompose survives arbitrary Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => checkSpans(text, decompose(text).items, [0, text.length])), { numRuns: 200 });
  });

  it('decompose handles deeply nested enumerations', () => {
    const lines: string[] = ['重点做好以下工作。'];
    for (let i = 0; i < 200; i++) lines.push('一、加快发展。', '（一）推进改革。', '1.扩大开放。一是稳增长，二是促就业，其中：（1）新建学校；（2）改造医院，①扩建；②新建。', '2.保障民生。');
    const inline = '重点做好以下工作：' + '一要推进，'.repeat(1) + Array.from({ length: 60 }, (_, k) => `（${k + 1}）加快发展，一是推进，二是保障`).join('；') + '。二要保障。';
    for (const text of [lines.join('\n'), inline]) {
      const t0 = performance.now();
      const d = decompose(text);
      expect(performance.now() - t0).toBeLessThan(5000);
      checkSpans(text, d.items, [0, text.length]);
    }
  });

  it('decompose handles a 5 MB single line in bounded time', () => {
    // A report run together into one line, as a broken export produces it.
    const report = readFileSync(new URL('../fixtures/intake/000_90be646031b961ed.txt', import.meta.url), 'utf8').replace(/\n/g, '');
    const text = report.repeat(Math.ceil(5_000_000 / report.length));
    const t0 = performance.now();
    const d = decompose(text);
    expect(performance.now() - t0).toBeLessThan(90_000);
    expect(d.document.length).toBe(text.length);
    expect(d.items.filter((i) => i.kind === 'area').length).toBeGreaterThan(1000);
  }, 120_000);

  it('decompose handles 1 MB of nothing but short enumerations', () => {
    const unit = '要加快推进高质量发展，一是稳增长，二是促就业，实现增长5%左右，到2025年完成。';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const d = decompose(text);
    checkSpans(text, d.items, [0, text.length]);
  }, 120_000);

  it('readDocument refuses or reads random bytes, never throws anything else', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), (bytes) => readsOrRefuses(bytes)), { numRuns: 200 });
  });

  it('readDocument survives truncated and corrupted DOCX and PDF files', async () => {
    const docx = fixture('reference.docx');
    const pdf = fixture('reference.pdf');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(docx, pdf), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), async (file, cut, flip) => {
        const bytes = file.slice(0, Math.max(8, Math.floor(file.length * cut)));
        if (flip % 2 && bytes.length > 20) bytes[flip % bytes.length] = (bytes[flip % bytes.length] ?? 0) ^ 0xff;
        await readsOrRefuses(bytes, file === docx ? 'x.docx' : 'x.pdf');
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
