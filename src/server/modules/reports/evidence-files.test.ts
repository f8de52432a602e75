import { describe, expect, it } from 'vitest';
import { zipFile as zip } from '../../../../test/support/zip.ts';
import { attachmentDisposition, evidenceFilename, readZipDirectory, sniffEvidence } from './evidence-files.ts';

const office = (main: string) => zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: '_rels/.rels', data: '<Relationships/>' }, { name: main, data: '<x/>' }]);

describe('sniffEvidence', () => {
  it('refuses what is not on the list, with a message saying why', () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['empty', new Uint8Array(), /empty/],
      ['Windows program named .pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]), /Programs/],
      ['ELF', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /Programs/],
      ['old Word', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /DOCX/],
      ['plain ZIP', zip([{ name: 'a.txt', data: 'hello' }]), /ZIP archive/],
      ['macro workbook', zip([{ name: '[Content_Types].xml', data: '<T/>' }, { name: 'xl/workbook.xml', data: '<w/>' }, { name: 'xl/vbaProject.bin', data: 'x' }]), /Macro/],
      ['HTML saved as text', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), /HTML/],
      ['binary noise', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x10]), /not accepted/],
      ['damaged ZIP', Buffer.from('PK\u0003\u0004 nothing else'), /damaged/],
    ];
    for (const [label, bytes, message] of cases) {
      const r = sniffEvidence(bytes, 'file.pdf');
      expect(r.ok, label).toBe(false);
      if (!r.ok) expect(r.message, label).toMatch(message);
    }
  });

  it('refuses a decompression bomb by its directory, without inflating it', () => {
    const bomb = zip([{ name: '[Content_Types].xml', data: '<T/>' }, { name: 'word/document.xml', data: new Uint8Array(64 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    const r = sniffEvidence(bomb, 'report.docx');
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/100 times/) });
  });

  it('recognises each accepted type from its bytes whatever the name says', () => {
    const cases: Array<[Uint8Array, string]> = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
      [office('word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [office('xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [office('ppt/presentation.xml'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      [zip([{ name: 'OFD.xml', data: '<ofd:OFD/>' }, { name: 'Doc_0/Document.xml', data: '<d/>' }]), 'application/ofd'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
      [Buffer.from('GIF89a\u0001\u0000'), 'image/gif'],
      [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
      [Buffer.from('一季度完成投资12.5亿元。\r\n下一步：加快审批。'), 'text/plain'],
      [Buffer.from([0xd2, 0xbb, 0xbc, 0xbe, 0xb6, 0xc8, 0x2c, 0x31, 0x0d, 0x0a]), 'text/plain'],
    ];
    for (const [bytes, mediaType] of cases) {
      const r = sniffEvidence(bytes, 'upload.exe');
      expect(r.ok ? r.type.mediaType : r.message, mediaType).toBe(mediaType);
    }
    expect(sniffEvidence(Buffer.from('单位,进度\n市发改委,60\n'), '进度表.CSV')).toMatchObject({ ok: true, type: { mediaType: 'text/csv' } });
  });

  it('reads an honest directory', () => {
    const dir = readZipDirectory(office('word/document.xml'));
    expect(dir).toMatchObject({ names: ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'] });
  });
});

describe('evidenceFilename and attachmentDisposition', () => {
  const pdf = { kind: 'pdf' as const, mediaType: 'application/pdf', extensions: ['pdf'] };
  const text = { kind: 'text' as const, mediaType: 'text/plain', extensions: ['txt'] };

  it('keeps the last path segment and gives the name its real extension', () => {
    expect(evidenceFilename('C:\\Users\\张三\\Desktop\\一季度进展.pdf', pdf)).toBe('一季度进展.pdf');
    expect(evidenceFilename('../../etc/passwd', text)).toBe('passwd.txt');
    expect(evidenceFilename('page.html', text)).toBe('page.html.txt');
    expect(evidenceFilename('invoice\u202Efdp.exe', pdf)).toBe('invoicefdp.exe.pdf');
    expect(evidenceFilename('', pdf)).toBe('evidence.pdf');
    expect([...evidenceFilename(`${'长'.repeat(300)}.pdf`, pdf)]).toHaveLength(200);
  });

  it('writes an ASCII fallback and an RFC 5987 name', () => {
    const header = attachmentDisposition('关于"一季度"的报告 (终稿).pdf');
    expect(header).toBe(`attachment; filename="__________ (__).pdf"; filename*=UTF-8''%E5%85%B3%E4%BA%8E%22%E4%B8%80%E5%AD%A3%E5%BA%A6%22%E7%9A%84%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29.pdf`);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('关于"一季度"的报告 (终稿).pdf');
    expect(attachmentDisposition("it's.txt")).toBe(`attachment; filename="it's.txt"; filename*=UTF-8''it%27s.txt`);
  });
});
