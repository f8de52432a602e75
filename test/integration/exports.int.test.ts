import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { loadBriefing, loadLedgerExport, writeLedgerCsv, writeLedgerXlsx } from '../../src/server/modules/exports/index.ts';
import { importTasks } from '../../src/server/modules/imports/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { actorOf } from '../support/factories.ts';
import { buildExportsWorld, worldClock, type ExportsWorld } from '../support/exports-world.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

describe.each(DIALECTS)('exports (%s)', (dialect) => {
  let t: TestApp;
  let w: ExportsWorld;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: worldClock() });
    w = await buildExportsWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  it('exports exactly the ledger’s rows for each reader, and writes them to XLSX and CSV', async () => {
    const sup = await loadLedgerExport(t.ctx, actorOf(w.as.sup.user), { filter: { programmeId: w.programmeId } });
    expect(sup.rowCount).toBe(5);
    expect(sup.sections.map((s) => [s.areaTitle, s.lines.map((l) => l.number)])).toEqual([['扩大有效需求', ['1', '2']], ['加快科技创新', ['1', '2', '2.1']]]);
    const co = await loadLedgerExport(t.ctx, actorOf(w.as.co.user), { filter: { programmeId: w.programmeId } });
    expect(co.sections.flatMap((s) => s.lines.map((l) => l.task.id)).sort()).toEqual([w.tasks.overdue, w.tasks.plain, w.tasks.sub].sort());
    const progress: number[] = [];
    const xlsx = await collect((out) => writeLedgerXlsx(sup, out, (d) => progress.push(d)));
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const wb = XLSX.read(xlsx, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets['2.加快科技创新']!, { header: 1, range: 4 }).map((r) => r[1])).toEqual(['建设科技创新平台', '培育新兴产业集群', '引进高层次人才']);
    const csv = (await collect((out) => writeLedgerCsv(co, out))).toString('utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(4);
  });

  it('computes the briefing’s facts from the recorded loop: counts, unit standings, red items, commendations', async () => {
    const b = await loadBriefing(t.ctx, actorOf(w.as.leader.user), { programmeId: w.programmeId, from: '2024-04-01', to: '2024-04-30' });
    expect({ tasks: b.tasks, closed: b.closed, closedInPeriod: b.closedInPeriod, asOf: b.asOf }).toEqual({ tasks: 5, closed: 1, closedInPeriod: 1, asOf: '2024-04-30' });
    // As of the period's end, nothing was overdue yet (the city-renewal task was due that very day).
    expect(b.overdue).toBe(0);
    expect(b.best?.unit).toBe(w.unitNames.lead);
    expect(b.units.map((u) => [u.unit, u.tasks, u.closed])).toContainEqual([w.unitNames.co, 2, 0]);
    expect(b.earlyClosures).toEqual([{ title: '建设科技创新平台', unit: w.unitNames.lead, closedOn: '2024-04-02', daysEarly: 181 }]);
    expect(b.firstTime).toEqual([{ title: '建设科技创新平台', unit: w.unitNames.lead, periodKey: '2024-04' }]);
    const may = await loadBriefing(t.ctx, actorOf(w.as.sup.user), { programmeId: w.programmeId, from: '2024-05-01', to: '2024-05-31' });
    expect(may.closedInPeriod).toBe(0);
    expect(may.earlyClosures).toEqual([]);
    expect(may.overdue).toBe(1);
    await expect(loadBriefing(t.ctx, actorOf(w.as.co.user), { programmeId: w.programmeId, from: '2024-05-01', to: '2024-05-31' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('imports all rows in one transaction with their audit events, or none when a row has a problem', async () => {
    const count = async () => Number((await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('programme_id', '=', w.programmeId).executeTakeFirstOrThrow()).n);
    const before = await count();
    const sup = actorOf(w.as.sup.user);
    const bad = Buffer.from(`工作方面,工作任务,牵头单位\n新方面,任务一,${w.unitNames.lead}\n新方面,任务二,无此单位\n`);
    const refused = await importTasks(t.ctx, sup, { programmeId: w.programmeId, bytes: bad, dryRun: false });
    expect(refused).toMatchObject({ applied: false, problems: [{ row: 3, column: '牵头单位', code: 'unknown_unit' }] });
    expect(await count()).toBe(before);
    const good = Buffer.from(`工作方面,工作任务,牵头单位,配合单位,完成时限\n新方面,任务一,${w.unitNames.lead},${w.unitNames.co},2024年6月底\n扩大有效需求,任务二,${w.unitNames.co},,2024-07-15\n`);
    const done = await importTasks(t.ctx, sup, { programmeId: w.programmeId, bytes: good, dryRun: false });
    expect(done).toMatchObject({ applied: true, created: 2, createdAreas: ['新方面'] });
    expect(await count()).toBe(before + 3);
    const rows = await t.ctx.db.selectFrom('tasks').select(['title', 'due_date', 'kind', 'state']).where('id', 'in', done.taskIds).orderBy('title').execute();
    expect(rows).toEqual([{ title: '任务一', due_date: '2024-06-30', kind: 'task', state: 'draft' }, { title: '任务二', due_date: '2024-07-15', kind: 'task', state: 'draft' }]);
    const co = await t.ctx.db.selectFrom('task_co_units').select('unit_id').where('task_id', '=', done.taskIds[0]!).execute();
    expect(co).toEqual([{ unit_id: w.units.co }]);
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['task.created', 'programme.tasks_imported']).where('at', '=', t.clock.now().toISOString()).execute();
    expect(audit.filter((a) => a.action === 'task.created')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'programme.tasks_imported')).toHaveLength(1);
  });
});
