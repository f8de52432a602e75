/**
 * Roll-ups behind the dashboards, on every dialect: report counters move in the transaction that submits or accepts
 * a report (and only then); the daily health snapshot is idempotent across runs and concurrent instances; the
 * trend reads weekly points from it; the signing rate's date arithmetic agrees on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptReport, createReport, returnReport, submitReport } from '../../src/server/modules/reports/index.ts';
import { getStats, takeHealthSnapshots } from '../../src/server/modules/stats/index.ts';
import { listTasks } from '../../src/server/modules/tasks/index.ts';
import type { UserActor } from '../../src/server/platform/auth/actor.ts';
import { DIALECTS } from '../support/databases.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { generateProgramme } from '../support/oversight-data.ts';

const DAY = 86_400_000;

describe.each(DIALECTS)('oversight roll-ups on %s', (dialect) => {
  let env: TestEnv;
  let supervisor: UserActor;
  let leader: UserActor;
  let lead: UserActor;
  let co: UserActor;
  let leadUnit: string;
  let coUnit: string;

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    leadUnit = (await buildUnit(env.ctx)).id;
    coUnit = (await buildUnit(env.ctx)).id;
    supervisor = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    leader = actorOf(await buildUser(env.ctx, { roles: ['leader'] }));
    lead = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: coUnit }));
  });
  afterAll(async () => env.close());

  const counters = (taskId: string) =>
    env.ctx.db.selectFrom('report_counters').select(['unit_id', 'submitted', 'on_time', 'accepted', 'accepted_first']).where('task_id', '=', taskId).orderBy('unit_id').execute();

  it('moves report counters with first submissions and acceptances, not with resubmissions or returns', async () => {
    const task = await buildTask(env.ctx, {
      supervisorIds: [supervisor.id], state: 'signed', leadUnitId: leadUnit, coUnitIds: [coUnit], cadence: { kind: 'monthly' },
      signedAt: '2024-02-01T02:00:00.000Z', startDate: '2024-02-01', dueDate: '2024-12-31',
    });
    // May's report on time, accepted at once.
    let r = await createReport(env.ctx, lead, task.id, { periodKey: '2024-05', progress: 40, text: '五月进展' });
    r = await submitReport(env.ctx, lead, r.report.id, {});
    await acceptReport(env.ctx, supervisor, r.report.id, {});
    // March's report long after its period: late; returned once, then accepted.
    r = await createReport(env.ctx, lead, task.id, { periodKey: '2024-03', progress: 20, text: '三月进展' });
    r = await submitReport(env.ctx, lead, r.report.id, {});
    expect(r.report.late).toBe(true);
    r = await returnReport(env.ctx, supervisor, r.report.id, { reason: '请补充材料' });
    r = await submitReport(env.ctx, lead, r.report.id, { version: r.report.version });
    await acceptReport(env.ctx, supervisor, r.report.id, {});
    // The co-unit's report, submitted but not reviewed yet.
    r = await createReport(env.ctx, co, task.id, { periodKey: '2024-05', progress: 30, text: '配合进展' });
    await submitReport(env.ctx, co, r.report.id, {});

    const rows = (await counters(task.id)).map((c) => ({ unit: c.unit_id, submitted: Number(c.submitted), onTime: Number(c.on_time), accepted: Number(c.accepted), first: Number(c.accepted_first) }));
    expect(rows).toEqual(
      [
        { unit: leadUnit, submitted: 2, onTime: 1, accepted: 2, first: 1 },
        { unit: coUnit, submitted: 1, onTime: 1, accepted: 0, first: 0 },
      ].sort((a, b) => a.unit.localeCompare(b.unit)),
    );
    // The counters equal what a scan of the reports would say.
    const scan = await env.ctx.db.selectFrom('reports').select(['unit_id', 'first_submitted_at', 'late', 'state', 'revision']).where('task_id', '=', task.id).execute();
    expect(rows.reduce((n, c) => n + c.submitted, 0)).toBe(scan.filter((x) => x.first_submitted_at).length);
    expect(rows.reduce((n, c) => n + c.onTime, 0)).toBe(scan.filter((x) => x.first_submitted_at && Number(x.late) === 0).length);

    const s = await getStats(env.ctx, supervisor, { programmeId: task.programmeId });
    expect(s.rates.reporting).toEqual({ submitted: 3, onTime: 2, rate: 0.6667 });
    expect(s.rates.firstAcceptance).toEqual({ accepted: 2, acceptedFirst: 1, rate: 0.5 });
    expect(s.byUnit.find((u) => u.id === leadUnit)?.reports).toEqual({ submitted: 2, onTime: 1, accepted: 2, acceptedFirst: 1 });
    // A liaison's dashboard sums only the tasks its ledger lists, but those with every unit's reports.
    const mine = await getStats(env.ctx, co, { programmeId: task.programmeId });
    expect(mine.rates.reporting.submitted).toBe(3);
  });

  it('takes one snapshot per day however often and on however many instances it runs, and the trend reads weeks from it', async () => {
    const units = [(await buildUnit(env.ctx)).id, (await buildUnit(env.ctx)).id];
    const g = await generateProgramme(env.ctx, { seed: 7, supervisorIds: [supervisor.id], unitIds: units, areas: 2, perArea: 8 });
    const rowsFor = () => env.ctx.db.selectFrom('health_snapshots').selectAll().where('programme_id', '=', g.programmeId).orderBy('day').orderBy('area_id').execute();

    const start = new Date('2024-04-01T02:00:00.000Z');
    env.clock.set(start);
    const [a, b] = await Promise.all([takeHealthSnapshots(env.ctx, start), takeHealthSnapshots(env.ctx, start)]);
    expect(await takeHealthSnapshots(env.ctx, new Date(start.getTime() + 3600_000))).toBe(0);
    const first = await rowsFor();
    // One row for the programme and one per work area, whichever instance wrote them.
    expect(first.map((r) => r.area_id)).toEqual(['', ...[...g.areaIds].sort()]);
    expect(a + b).toBeGreaterThanOrEqual(3);

    const tasks = await env.ctx.db.selectFrom('tasks').select(['health', 'state']).where('programme_id', '=', g.programmeId).where('kind', '=', 'task').where('state', '!=', 'draft').execute();
    const whole = first.find((r) => r.area_id === '')!;
    expect(Number(whole.closed)).toBe(tasks.filter((x) => x.state === 'closed').length);
    expect(Number(whole.red)).toBe(tasks.filter((x) => x.health === 'red').length);
    expect(Number(whole.total)).toBe(tasks.filter((x) => x.state === 'closed' || ['red', 'yellow', 'blue', 'green', 'grey'].includes(x.health)).length);
    const areaSum = first.filter((r) => r.area_id !== '').reduce((n, r) => n + Number(r.total), 0);
    expect(areaSum).toBe(Number(whole.total));

    // Three more weeks, a snapshot a day on two of those days; one red task turns green in between.
    for (const d of [1, 8, 9, 16]) {
      if (d === 9) await env.ctx.db.updateTable('tasks').set({ health: 'green' }).where('programme_id', '=', g.programmeId).where('health', '=', 'red').where('kind', '=', 'task').execute();
      await takeHealthSnapshots(env.ctx, new Date(start.getTime() + d * DAY));
    }
    expect(new Set((await rowsFor()).map((r) => r.day)).size).toBe(5);
    env.clock.set(new Date(start.getTime() + 22 * DAY));
    const s = await getStats(env.ctx, supervisor, { programmeId: g.programmeId });
    expect(s.trend.history).toBe(true);
    // 2024-04-01 is a Monday: weeks of 04-01, 04-08 (last day 04-10), 04-15 (04-17), then the live point.
    expect(s.trend.points.map((p) => [p.day, p.live])).toEqual([['2024-04-02', false], ['2024-04-10', false], ['2024-04-17', false], ['2024-04-23', true]]);
    expect(s.trend.points[1]!.red).toBe(0);
    expect(s.trend.points.at(-1)!.total).toBe(Number(whole.total));
    // A work area's trend, and no history where the snapshots cannot answer the filter.
    const area = await getStats(env.ctx, supervisor, { programmeId: g.programmeId, areaId: g.areaIds[0]! });
    expect(area.trend.points.length).toBe(4);
    expect((await getStats(env.ctx, supervisor, { programmeId: g.programmeId, health: 'red' })).trend).toMatchObject({ history: false, points: [{ live: true }] });
    expect((await getStats(env.ctx, lead, {})).trend.history).toBe(false);
    expect((await getStats(env.ctx, leader, { programmeId: g.programmeId })).trend.points.length).toBe(4);
  });

  it('counts what the ledger lists, on this database too', async () => {
    const units = [(await buildUnit(env.ctx)).id, (await buildUnit(env.ctx)).id, (await buildUnit(env.ctx)).id];
    const g = await generateProgramme(env.ctx, { seed: 3, supervisorIds: [supervisor.id], unitIds: units, areas: 2, perArea: 10 });
    const count = async (f: Record<string, unknown>) => (await listTasks(env.ctx, supervisor, { ...f, limit: 1, offset: 0 } as never)).total;
    const s = await getStats(env.ctx, supervisor, { programmeId: g.programmeId });
    expect(s.totals.total).toBe(await count({ programmeId: g.programmeId, kind: ['task'] }));
    for (const u of s.byUnit) expect(u.total).toBe(await count({ programmeId: g.programmeId, kind: ['task'], unitId: u.id }));
    for (const a of s.byArea) expect(a.overdue).toBe(await count({ ...s.drill.overdue, state: s.drill.overdue!.state!.split(','), kind: ['task'], areaId: a.id }));
    const signed = await env.ctx.db.selectFrom('tasks').select(['assigned_at', 'signed_at']).where('programme_id', '=', g.programmeId).where('kind', '=', 'task').where('signed_at', 'is not', null).execute();
    const onTime = signed.filter((x) => x.assigned_at && Date.parse(x.signed_at!) - Date.parse(x.assigned_at) <= 3 * DAY).length;
    expect(s.rates.signing.onTime).toBe(onTime);
    expect(s.rates.signing.late).toBe(signed.filter((x) => x.assigned_at).length - onTime);
  });
});
