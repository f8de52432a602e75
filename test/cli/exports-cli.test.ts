import { readFileSync, writeFileSync } from 'node:fs';
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

describe('luoshi import tasks', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: ExportsWorld;
  const cli = (args: string[]) => runCli([...args, '--data', t.database.tmpDir], { DATABASE_URL: undefined, LUOSHI_DATA_DIR: undefined });
  const count = async () => Number((await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('programme_id', '=', w.programmeId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: worldClock() });
    w = await buildExportsWorld(t);
  });
  afterAll(async () => t.close());

  it('lists the problems and exits 3 without writing anything, in a dry run and when applying', async () => {
    const file = join(t.database.tmpDir, 'bad.csv');
    writeFileSync(file, `工作方面,工作任务,牵头单位,完成时限\r\n扩大有效需求,新增任务甲,${w.unitNames.lead},2024-06-30\r\n扩大有效需求,新增任务乙,无此单位,明年\r\n`);
    for (const dry of [['--dry-run'], []]) {
      const r = await cli(['import', 'tasks', '--programme', w.programmeId, file, ...dry]);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('row 3\t牵头单位\tunknown_unit\tNo active unit is named “无此单位”\nrow 3\t完成时限\tbad_date\t“明年” is not a date (write 2024-06-30, 2024/6/30, 2024年6月30日 or 2024年6月底)\n');
      expect(r.stderr).toContain('2 problem(s) in 2 rows; nothing was imported');
    }
    expect(await count()).toBe(7);
    const missing = await cli(['import', 'tasks', '--programme', w.programmeId, join(t.database.tmpDir, 'nope.csv')]);
    expect(missing.code).toBe(2);
  });

  it('imports a clean file of thousands of rows in one go, with a progress bar', async () => {
    const file = join(t.database.tmpDir, 'many.csv');
    const rows = Array.from({ length: 2000 }, (_, i) => `第${Math.floor(i / 500) + 1}方面,批量任务${i + 1},${w.unitNames.co},2024-12-31`);
    writeFileSync(file, `\uFEFF工作方面,工作任务,牵头单位,完成时限\r\n${rows.join('\r\n')}\r\n`);
    const dry = await cli(['import', 'tasks', '--programme', w.programmeId, file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('Checked 2000 rows: no problems; 2000 tasks and 4 new work area(s) would be created.\n');
    expect(await count()).toBe(7);
    const r = await cli(['import', 'tasks', '--programme', w.programmeId, file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Imported 2000 tasks and 4 new work area(s).\n');
    expect(r.stderr).toMatch(/importing \[#{30}\] 2000\/2000 100%/);
    expect(await count()).toBe(7 + 2000 + 4);
  });
});
