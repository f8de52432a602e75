/** Fuzzing the decoders that read untrusted bytes and text: they return or refuse with a clear code, never crash or hang. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanTitleText, hasVisibleCharacter, isPlainText, stripForbiddenText, tidyTitle } from '../../src/core/text.ts';
import { parseAnchor } from '../../src/server/modules/audit/index.ts';
import { decodeText, htmlToText, IntakeError } from '../../src/server/modules/documents/reading/index.ts';
import { countPdfObjects } from '../../src/server/modules/documents/reading/extractors.ts';
import { sniffEvidence, evidenceFilename } from '../../src/server/modules/reports/evidence-files.ts';
import { isApiPath, normalisedPath } from '../../src/server/platform/http/auth-hook.ts';
import { checkZipArchive, readZipEntries } from '../../src/server/platform/zip.ts';
import { DEFAULT_PARSE_LIMITS } from '../../src/server/modules/documents/reading/index.ts';
import { zipFile } from '../support/zip.ts';

/** Completes within `ms` or fails: a decoder must never spin. */
function quick<T>(ms: number, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  expect(performance.now() - t0).toBeLessThan(ms);
  return r;
}

const anyText = fc.string({ unit: 'binary', maxLength: 300 });

describe('decoders never crash, never hang, and refuse with a clear code', () => {
  it('decodeText: arbitrary bytes decode or raise an IntakeError with a known code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        try {
          const r = quick(500, () => decodeText(bytes));
          expect(typeof r.text).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(IntakeError);
          expect(['binary_input', 'undecodable']).toContain((e as IntakeError).code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('htmlToText: arbitrary markup soup gives text', () => {
    const tags = fc.constantFrom('<p>', '</p>', '<br>', '<script>', '</script>', '<style>', '<!--', '-->', '&nbsp;', '&#x4e00;', '&#99999999;', '<div class="x">', '<', '>', '中文', '\n');
    fc.assert(fc.property(fc.array(fc.oneof(tags, anyText), { maxLength: 200 }).map((a) => a.join('')), (html) => {
      expect(typeof quick(500, () => htmlToText(html))).toBe('string');
    }), { numRuns: 300 });
  });

  it('ZIP directory and archive checks: random and mutated containers give entries or a problem, never an exception', async () => {
    const base = zipFile([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document>一、加快建设</w:document>'.repeat(20) }]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(base.length)).map(([at, x, cut]) => {
        const b = Buffer.from(base);
        b[at] = (b[at] ?? 0) ^ x;
        return b.subarray(0, Math.max(22, cut));
      })), async (bytes) => {
        const dir = readZipEntries(bytes, 100);
        expect('entries' in dir || 'problem' in dir).toBe(true);
        const checked = await checkZipArchive(bytes, DEFAULT_PARSE_LIMITS.zip);
        expect('entries' in checked || typeof (checked as { problem: string }).problem === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('evidence sniffing and names: any bytes and any name give a type or a reason, names stay safe', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1000 }), fc.option(anyText), (bytes, name) => {
      const r = quick(200, () => sniffEvidence(bytes, name));
      if (r.ok) {
        const safe = evidenceFilename(name, r.type);
        expect(isPlainText(safe)).toBe(true);
        expect(safe).not.toMatch(/[\\/]/);
        expect([...safe].length).toBeLessThanOrEqual(200);
      } else {
        expect(r.message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 300 });
  });

  it('PDF object counting is bounded and linear', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('1 0 obj', ' ', '\n', 'endobj', '99999 65535 obj', 'x'), { maxLength: 500 }).map((a) => a.join('')), (text) => {
      const n = quick(100, () => countPdfObjects(Buffer.from(text, 'latin1'), 50));
      expect(n).toBeLessThanOrEqual(51);
    }), { numRuns: 200 });
  });

  it('text rules: tidying is idempotent, never leaves refused characters, and a clean title shows something', () => {
    fc.assert(fc.property(anyText, (raw) => {
      const once = tidyTitle(raw);
      expect(tidyTitle(once)).toBe(once);
      expect(/[\u202a-\u202e\u2066-\u2069]/u.test(once)).toBe(false);
      expect(isPlainText(stripForbiddenText(raw))).toBe(true);
      const title = cleanTitleText(raw, 500);
      if (title !== null) expect(hasVisibleCharacter(title)).toBe(true);
    }), { numRuns: 500 });
  });

  it('paths: normalising any URL is total, and an API path stays an API path whatever its spelling', () => {
    const piece = fc.constantFrom('api', 'API', '%61pi', '%2e%2e', '..', '.', '', 'v1', 'tasks', '%2F', '%', '%zz', '\\', 'x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((a) => `/${a.join('/')}`), (url) => {
      const p = quick(50, () => normalisedPath(url));
      expect(p.startsWith('/')).toBe(true);
      expect(p).not.toMatch(/\/\.\.?(\/|$)/);
      expect(isApiPath(normalisedPath(`/%61pi${url}`)) || !isApiPath(normalisedPath(`/api${url}`))).toBe(true);
    }), { numRuns: 500 });
  });

  it('audit anchors: anything parses to an anchor or to null', () => {
    fc.assert(fc.property(anyText, (s) => {
      const a = parseAnchor(s);
      if (a) expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    }), { numRuns: 300 });
  });
});
