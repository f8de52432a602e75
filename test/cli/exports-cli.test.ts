import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import * as XLSX from 'xlsx';
import { runCli } from '../support/cli.ts';
import { buildExportsWorld, worldClock, type ExportsWorld } from '../support/exports-world.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

describe('luoshi export', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: ExportsWorld;
  const cli = (args: string[]) => runCli([...args, '--data', t.database.tmpDir], { DATABASE_URL: undefined, LUOSHI_DATA_DIR: undefined });

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: worldClock() });
    w = await buildExportsWorld(t);
  });
  afterAll(async () => t.close());

  it('refuses a bad format and an unknown programme with a one-line error and no file', async () => {
    const out = join(t.database.tmpDir, 'bad.xlsx');
    const format = await cli(['export', 'ledger', '--programme', w.programmeId, '--format', 'pdf', '--out', out]);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain('must be xlsx or csv');
    const unknown = await cli(['export', 'ledger', '--programme', 'nope', '--out', out]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('luoshi: programme not found\n');
    expect(() => readFileSync(out)).toThrow();
  });

  it('writes the ledger as XLSX and CSV, with a progress bar on stderr', async () => {
    const xlsx = join(t.database.tmpDir, '台账.xlsx');
    const r = await cli(['export', 'ledger', '--programme', w.programmeId, '--format', 'xlsx', '--out', xlsx]);
    expect(r.stderr).toMatch(/writing \[#{30}\] 5\/5 100%/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote 5 tasks in 2 work areas');
    const wb = XLSX.read(readFileSync(xlsx), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['汇总', '1.扩大有效需求', '2.加快科技创新']);
    expect(wb.Sheets['1.扩大有效需求']!.B5?.v).toBe('推进城市更新项目建设');

    const csv = join(t.database.tmpDir, 'ledger.csv');
    expect((await cli(['export', 'ledger', '--programme', w.programmeId, '--format', 'csv', '--out', csv, '--lang', 'en'])).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFNo.,Work area,Task')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(6);
  });

  it('writes a briefing for a period, and refuses a bad date or a reversed period', async () => {
    const out = join(t.database.tmpDir, '通报.docx');
    const bad = await cli(['export', 'briefing', '--programme', w.programmeId, '--from', '2024-4-1', '--to', '2024-05-10', '--out', out]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be a date YYYY-MM-DD');
    const reversed = await cli(['export', 'briefing', '--programme', w.programmeId, '--from', '2024-05-10', '--to', '2024-04-01', '--out', out]);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('`from` must not be after `to`');
    const ok = await cli(['export', 'briefing', '--programme', w.programmeId, '--from', '2024-04-01', '--to', '2024-05-10', '--office', '市委督查室', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Wrote the briefing \(5 tasks, \d+ red, 1 overdue\)/);
    const text = (await mammoth.extractRawText({ buffer: readFileSync(out) })).value;
    expect(text).toContain('市委督查室');
    expect(text).toContain(`共有任务5项，已销号1项`);
  });
});
