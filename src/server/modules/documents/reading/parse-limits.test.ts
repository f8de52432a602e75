import { Document, Packer, Paragraph } from 'docx';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bombDocx, zipFile } from '../../../../../test/support/zip.ts';
import { checkZipArchive } from '../../../platform/zip.ts';
import { DEFAULT_PARSE_LIMITS, liveParseWorkers, readDocument } from './index.ts';
import { PARSE_CONCURRENCY } from './extractors.ts';

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

const bigDocx = async (paragraphs: number) =>
  Packer.toBuffer(new Document({ sections: [{ children: Array.from({ length: paragraphs }, (_, i) => new Paragraph(`第${i}条 加快建设现代化产业体系，推进新型工业化，发展数字经济。`)) }] }));

describe('reading DOCX and PDF where it can be cut off', () => {
  it('checks a ZIP by its directory and by what its entries really unpack to', async () => {
    expect(await checkZipArchive(zipFile([{ name: 'a.xml', data: '<a/>' }]), DEFAULT_PARSE_LIMITS.zip)).toMatchObject({ entries: [{ name: 'a.xml' }] });
    expect(await checkZipArchive(bombDocx(200), DEFAULT_PARSE_LIMITS.zip)).toMatchObject({ problem: expect.stringMatching(/times its packed size/) });
    expect(await checkZipArchive(bombDocx(200, 1), DEFAULT_PARSE_LIMITS.zip)).toMatchObject({ problem: expect.stringMatching(/more than the 1048576 bytes it declares/) });
    const many = zipFile(Array.from({ length: 2001 }, (_, i) => ({ name: `p${i}.xml`, data: 'x' })));
    expect(await checkZipArchive(many, DEFAULT_PARSE_LIMITS.zip)).toMatchObject({ problem: expect.stringMatching(/more than 2000 entries/) });
    // Many entries each under the ratio threshold still add up past the total.
    const spread = zipFile(Array.from({ length: 40 }, (_, i) => ({ name: `part${i}.xml`, packed: Buffer.alloc(60_000, 1), size: 4 * 1048576 })));
    expect(await checkZipArchive(spread, DEFAULT_PARSE_LIMITS.zip)).toMatchObject({ problem: expect.stringMatching(/would unpack to 160 MB/) });
  });

  it('stops a parse that runs past its time and leaves no worker behind', async () => {
    const docx = await bigDocx(200);
    expect((await refusal(readDocument(docx, { timeoutMs: 1 }))).code).toBe('parse_timeout');
    await new Promise((r) => setTimeout(r, 50));
    expect(liveParseWorkers()).toBe(0);
    expect((await readDocument(docx)).text).toContain('第199条');
  });

  it('stops a parse that needs more memory than its ceiling', async () => {
    const docx = await bigDocx(30_000);
    const r = await refusal(readDocument(docx, { limits: { memoryMb: 32 } }));
    expect(r).toMatchObject({ code: 'document_too_complex', message: expect.stringMatching(/more than 32 MB of memory/) });
    expect(liveParseWorkers()).toBe(0);
  });

  it('refuses PDFs with too many pages or objects before reading them', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 30; i++) pdf.addPage().drawText(`page ${i}`);
    const bytes = await pdf.save();
    expect(await refusal(readDocument(bytes, { limits: { maxPdfPages: 20 } }))).toMatchObject({ code: 'document_too_complex', message: expect.stringMatching(/30 pages/) });
    expect(await refusal(readDocument(bytes, { limits: { maxPdfObjects: 10 } }))).toMatchObject({ code: 'document_too_complex', message: expect.stringMatching(/more than 10 objects/) });
  });

  it('parses at most a fixed number of files at once', async () => {
    const docx = await bigDocx(300);
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, liveParseWorkers());
    }, 1);
    try {
      const texts = await Promise.all(Array.from({ length: 5 }, () => readDocument(docx)));
      expect(texts.every((x) => x.text.includes('第299条'))).toBe(true);
    } finally {
      clearInterval(sampler);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(PARSE_CONCURRENCY);
  });
});
