import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core/intake/index.ts';
import type { Decomposition } from '../../src/core/intake/index.ts';
import { readDocument } from '../../src/server/modules/documents/reading/index.ts';

const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url)));

function outline(d: Decomposition): string[] {
  return d.items
    .filter((i) => i.kind === 'principle' || i.kind === 'area')
    .map((i) => `${i.kind} ${i.label} ${i.title} | ${i.children.map((c) => c.title).join(' / ')}`);
}

describe('every format of the reference communiqué gives the same principles and work areas', async () => {
  const base = decompose((await readDocument(bytes('000_90be646031b961ed.txt'))).text);

  it.each(['reference.gb18030.txt', 'reference.big5.txt', 'reference.utf16le-bom.txt', 'reference.utf16be-bom.txt', 'reference.utf8-bom.txt', 'reference.docx', 'reference.pdf', 'reference.big5.html'])(
    '%s',
    async (name) => {
      const read = await readDocument(bytes(name), { filename: name });
      const d = decompose(read.text, { encoding: read.encoding });
      expect(outline(d)).toEqual(outline(base));
      expect(d.document.title).toBe(base.document.title);
      expect(d.document.date).toBe('2023-12-28');
      for (const it of d.items) expect(read.text.slice(it.span[0]).startsWith(it.label ?? it.title)).toBe(true);
    },
  );
});
