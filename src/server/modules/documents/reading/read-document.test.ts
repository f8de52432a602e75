import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IntakeError, readDocument } from './index.ts';

const dir = new URL('../../../../../test/fixtures/intake/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const REFERENCE = readFileSync(new URL('000_90be646031b961ed.txt', dir), 'utf8');

async function refusal(p: Promise<unknown>): Promise<IntakeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IntakeError);
    return e as IntakeError;
  }
  throw new Error('expected a refusal');
}

describe('readDocument: encodings round-trip', () => {
  it.each([
    ['000_90be646031b961ed.txt', 'utf-8'],
    ['reference.utf8-bom.txt', 'utf-8-bom'],
    ['reference.utf16le-bom.txt', 'utf-16le'],
    ['reference.utf16be-bom.txt', 'utf-16be'],
    ['reference.gb18030.txt', 'gb18030'],
    ['reference.big5.txt', 'big5'],
  ])('%s is read as %s, text identical', async (name, encoding) => {
    const r = await readDocument(bytes(name), { filename: name });
    expect(r).toEqual({ text: REFERENCE, format: 'txt', encoding });
  });

  it('reads GB18030 Simplified and Big5 Traditional reports', async () => {
    expect(await readDocument(bytes('cewc_2023.gb18030.txt'))).toEqual({ text: readFileSync(new URL('cewc_2023.txt', dir), 'utf8'), format: 'txt', encoding: 'gb18030' });
    const tw = readFileSync(new URL('beijing_gwr_2026_trad_tw_opencc.txt', dir), 'utf8');
    expect(await readDocument(bytes('beijing_gwr_2026_trad_tw.big5.txt'))).toEqual({ text: tw, format: 'txt', encoding: 'big5' });
  });

  it('reads a short Big5-HKSCS sample as Big5, with 勠 a real character', async () => {
    const r = await readDocument(bytes('short.big5.txt'));
    expect(r).toEqual({ text: '勠力同心，全面推進鄉村振興。', format: 'txt', encoding: 'big5' });
  });
});

describe('readDocument: other formats', () => {
  it('reads a DOCX', async () => {
    const r = await readDocument(bytes('reference.docx'), { filename: 'x.docx' });
    expect(r.format).toBe('docx');
    expect(r.text).toBe(REFERENCE.trimEnd());
  });

  it('reads a PDF text layer, joining wrapped lines back into paragraphs', async () => {
    const r = await readDocument(bytes('reference.pdf'));
    expect(r.format).toBe('pdf');
    // One paragraph of the source ends exactly at the right margin and is joined to the next; nothing else differs.
    expect(r.text.replace(/\n/g, '')).toBe(REFERENCE.replace(/\n/g, ''));
    expect(r.text.split('\n').length).toBeGreaterThanOrEqual(REFERENCE.trimEnd().split('\n').length - 1);
  });

  it('reads HTML in its declared charset, without scripts or markup', async () => {
    const r = await readDocument(bytes('reference.big5.html'), { filename: 'x.html' });
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('big5');
    expect(r.text).toContain('首頁 > 要聞');
    expect(r.text).not.toContain('不是正文');
    expect(r.text).not.toContain('<p>');
    expect(r.text).toContain(REFERENCE.split('\n')[3]);
  });
});

describe('readDocument: refusals', () => {
  it('refuses a PDF without text, saying OCR is needed', async () => {
    const e = await refusal(readDocument(bytes('scanned-no-text.pdf')));
    expect(e.code).toBe('pdf_needs_ocr');
    expect(e.message).toMatch(/OCR/);
  });

  it('refuses a file over the limit before reading it', async () => {
    const e = await refusal(readDocument(new Uint8Array(2048), { maxBytes: 1024 }));
    expect(e.code).toBe('too_large');
  });

  it.each([
    ['empty', new Uint8Array(0), 'empty_document'],
    ['whitespace', new TextEncoder().encode(' \n\t\n'), 'empty_document'],
    ['binary', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]), 'binary_input'],
    ['old Word', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'unsupported_format'],
    ['PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'unsupported_format'],
    ['zip without word/', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x61, 0x62]), 'unsupported_format'],
    ['latin-1 gibberish', Uint8Array.from(Array.from({ length: 64 }, (_, i) => 0x80 + ((i * 7) % 0x20))), 'undecodable'],
  ])('refuses %s', async (_name, input, code) => {
    expect((await refusal(readDocument(input))).code).toBe(code);
  });

  it('refuses a file whose name promises a PDF it is not', async () => {
    expect((await refusal(readDocument(new TextEncoder().encode('hello'), { filename: 'a.pdf' }))).code).toBe('corrupt_file');
  });

  it('refuses truncated DOCX and PDF files cleanly', async () => {
    const docx = bytes('reference.docx');
    const pdf = bytes('reference.pdf');
    expect((await refusal(readDocument(docx.subarray(0, 3000)))).code).toBe('corrupt_file');
    const truncated = await readDocument(pdf.subarray(0, 9000)).then(
      (r) => r.format,
      (e: unknown) => (e instanceof IntakeError ? e.code : 'crash'),
    );
    expect(['pdf', 'corrupt_file', 'pdf_needs_ocr']).toContain(truncated);
  });
});
