import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/intake/${name}`, import.meta.url));

async function run(...args: string[]): Promise<{ out: string; error: Error | null }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    await main(['node', 'luoshi', ...args]);
    return { out, error: null };
  } catch (e) {
    return { out, error: e as Error };
  } finally {
    spy.mockRestore();
  }
}

interface JsonItem {
  label: string | null;
  kind: string;
  title: string;
  span: [number, number];
  children: JsonItem[];
  tags: string[];
  targets: unknown[];
  deadline: string | null;
}

afterEach(() => vi.restoreAllMocks());

describe('luoshi decompose', () => {
  it('prints the stable JSON contract', async () => {
    const { out, error } = await run('decompose', fixture('reference.big5.txt'), '--json');
    expect(error).toBeNull();
    const json = JSON.parse(out) as { document: Record<string, unknown>; items: JsonItem[] };
    expect(json.document).toMatchObject({ title: '中國共產黨武漢市第十四屆委員會第六次全體會議公報', issuer: '中國共產黨武漢市第十四屆委員會', date: '2023-12-28', script: 'hant', encoding: 'big5', length: 3949 });
    const check = (it: JsonItem) => {
      expect(Object.keys(it)).toEqual(expect.arrayContaining(['label', 'kind', 'title', 'span', 'children', 'tags', 'targets', 'deadline']));
      it.children.forEach(check);
    };
    json.items.forEach(check);
    expect(json.items.filter((i) => i.kind === 'area').map((i) => i.label)).toEqual(['一要', '二要', '三要', '四要', '五要', '六要']);
  });

  it('prints a readable tree without --json', async () => {
    const { out, error } = await run('decompose', fixture('cewc_2023.gb18030.txt'));
    expect(error).toBeNull();
    expect(out).toContain('[area] 一是 以科技创新引领现代化产业体系建设');
    expect(out).toContain('  [task] 发展新质生产力');
    expect(out).toMatch(/coverage: \d+\/\d+/);
  });

  it('fails with a message for a missing file and for unreadable input', async () => {
    expect((await run('decompose', '/nonexistent/file.txt')).error?.message).toMatch(/no such file/);
    const scan = await run('decompose', fixture('scanned-no-text.pdf'), '--json');
    expect(scan.error?.message).toMatch(/OCR/);
    expect(scan.out).toBe('');
  });
});

describe('luoshi compare', () => {
  it('prints new, dropped and continued formulations and areas', async () => {
    const { out, error } = await run('compare', fixture('cewc_2023.txt'), fixture('000_90be646031b961ed.txt'), '--json');
    expect(error).toBeNull();
    const json = JSON.parse(out) as { formulations: Record<string, unknown[]>; areas: Record<string, unknown[]> };
    expect(Object.keys(json.formulations)).toEqual(['new', 'dropped', 'continued']);
    expect(json.areas.continued?.length).toBeGreaterThan(0);
    const text = await run('compare', fixture('cewc_2023.txt'), fixture('000_90be646031b961ed.txt'));
    expect(text.out).toContain('work areas continued:');
  });
});
