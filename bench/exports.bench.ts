/**
 * Exports and imports at real size (SQLite): importing 10,000 tasks from CSV (dry run, then apply in one
 * transaction), then the 台账 of those 10,000 tasks as XLSX and CSV, and the 通报 over them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/server/platform/config.ts';
import { createContext } from '../src/server/platform/context.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { systemActor } from '../src/server/platform/auth/actor.ts';
import { seedDemo } from '../src/server/demo/index.ts';
import { createProgramme } from '../src/server/modules/programmes/index.ts';
import { loadBriefing, loadLedgerExport, renderBriefingDocx, writeLedgerCsv, writeLedgerXlsx } from '../src/server/modules/exports/index.ts';
import { importTasks } from '../src/server/modules/imports/index.ts';
import { measure, type BenchResult } from './bench-kit.ts';

const ROWS = 10_000;

/** A sink that counts bytes, so the measurement is the writer and not the disk. */
function sink(): { out: Writable; bytes: () => number } {
  let n = 0;
  const out = new Writable({ write(chunk: Buffer, _enc, done) { n += chunk.length; done(); } });
  return { out, bytes: () => n };
}

async function finished(w: Writable): Promise<void> {
  if (w.writableFinished) return;
  await new Promise<void>((resolve, reject) => { w.on('finish', resolve); w.on('error', reject); });
}

export default async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'luoshi.db') });
  try {
    await migrateToLatest(database);
    const ctx = createContext(loadConfig({}, { dataDir: dir }), database);
    await seedDemo(ctx);
    const system = systemActor('bench');
    const units = (await ctx.db.selectFrom('units').select('name').where('active', '=', 1).execute()).map((u) => u.name);
    const supervisorId = (await ctx.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).id;
    const programme = await createProgramme(ctx, system, { title: '基准台账', supervisorIds: [supervisorId] });
    const lines = Array.from({ length: ROWS }, (_, i) => `第${(i % 10) + 1}方面,基准任务第${i + 1}项：推进重点项目建设,${units[i % units.length]},${units[(i + 1) % units.length]},2026-${String((i % 12) + 1).padStart(2, '0')}-28`);
    const csv = Buffer.from(`工作方面,工作任务,牵头单位,配合单位,完成时限\n${lines.join('\n')}\n`);

    const dry = await measure(`import dry run, ${ROWS} CSV rows`, () => importTasks(ctx, system, { programmeId: programme.id, bytes: csv, dryRun: true }), 3, 1);
    const t0 = performance.now();
    const applied = await importTasks(ctx, system, { programmeId: programme.id, bytes: csv, dryRun: false });
    const applyMs = performance.now() - t0;
    if (applied.created !== ROWS) throw new Error(`imported ${applied.created}`);

    let xlsxBytes = 0;
    const xlsx = await measure(`ledger XLSX, ${ROWS} tasks in 10 sheets (load + write)`, async () => {
      const data = await loadLedgerExport(ctx, system, { filter: { programmeId: programme.id } });
      const s = sink();
      await writeLedgerXlsx(data, s.out);
      await finished(s.out);
      xlsxBytes = s.bytes();
    }, 3, 1);
    const csvOut = await measure(`ledger CSV, ${ROWS} tasks (load + write)`, async () => {
      const data = await loadLedgerExport(ctx, system, { filter: { programmeId: programme.id } });
      const s = sink();
      await writeLedgerCsv(data, s.out);
    }, 3, 1);
    const briefing = await measure(`briefing DOCX over ${ROWS} tasks`, async () => {
      const today = new Date().toISOString().slice(0, 10);
      await renderBriefingDocx(await loadBriefing(ctx, system, { programmeId: programme.id, from: '2026-01-01', to: today }));
    }, 3, 1);
    return [
      dry,
      { name: `import apply, ${ROWS} rows in one transaction (+10 areas, an audit event each)`, medianMs: applyMs, p95Ms: applyMs, runs: 1 },
      { ...xlsx, extra: { bytes: xlsxBytes } },
      csvOut,
      briefing,
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
