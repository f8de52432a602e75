import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DIALECTS } from '../support/databases.ts';
import type { InspectionResponse } from '../../src/contract/inspections.ts';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


// 转整改 puts the task under the inspection's work area, so every count of tasks includes it.
describe.each(DIALECTS)('整改 tasks under the inspection’s work area (API, %s)', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let la: SignedIn;
  let unitA: string;
  let unitB: string;
  let programmeId: string;
  let inspection: InspectionResponse;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    unitA = (await buildUnit(t.ctx)).id;
    unitB = (await buildUnit(t.ctx)).id;
    sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    la = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitA }));
    await buildUser(t.ctx, { roles: ['liaison'], unitId: unitB });
    programmeId = answer('POST /api/v1/programmes', await post(sup, '/api/v1/programmes', { title: '营商环境专项' })).id;
    inspection = answer('POST /api/v1/inspections', await post(sup, '/api/v1/inspections', { programmeId, topic: '营商环境专项督查', kind: 'special', members: [{ userId: sup.user.id, team: '第一督查组' }], targetUnitIds: [unitA, unitB] }));
    expect((await post(sup, `/api/v1/inspections/${inspection.id}/transitions`, { action: 'start', version: inspection.version })).statusCode).toBe(200);
    for (const [unitId, title] of [[unitA, '审批时限超过承诺时限'], [unitB, '政策兑现材料要求过多']] as const) {
      expect((await post(sup, `/api/v1/inspections/${inspection.id}/findings`, { unitId, title, severity: 'serious' })).statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  function post(who: SignedIn, url: string, payload: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  }
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const findings = async () => answer('GET /api/v1/inspections/:id', await get(sup, `/api/v1/inspections/${inspection.id}`)).findingList;
  const taskOf = async (id: string) => answer('GET /api/v1/tasks/:id', await get(sup, `/api/v1/tasks/${id}`)).task;
  const counted = async (who: SignedIn) => ({
    stats: answer('GET /api/v1/stats', await get(who, `/api/v1/stats?programmeId=${programmeId}`)).totals.total,
    home: answer('GET /api/v1/home', await get(who, '/api/v1/home')).health.total,
  });

  it('makes the task a task (not a work area) under 督查整改：<topic>, counted by 统计, the homes and the ledger', async () => {
    expect(await counted(sup)).toEqual({ stats: 0, home: 0 });
    const fA = (await findings())[0]!;
    const res = await post(sup, `/api/v1/inspections/findings/${fA.id}/rectify`, { version: fA.version, dueDate: '2024-06-30' });
    expect(res.statusCode).toBe(201);
    const task = await taskOf(answer('POST /api/v1/inspections/findings/:id/rectify', res).taskId!);
    expect(task).toMatchObject({ kind: 'task', depth: 1, taskType: 'rectification', state: 'assigned' });
    expect(task.parentId).toBe(task.areaId);
    const area = await taskOf(task.areaId);
    expect(area).toMatchObject({ kind: 'area', depth: 0, title: '督查整改：营商环境专项督查', state: 'draft' });
    const link = await t.ctx.db.selectFrom('inspections').select('area_task_id').where('id', '=', inspection.id).executeTakeFirstOrThrow();
    expect(link.area_task_id).toBe(area.id);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'context_json']).where('object_id', '=', area.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['task.created']);
    expect(JSON.parse(audit[0]!.context_json ?? '{}')).toMatchObject({ inspectionId: inspection.id, via: 'rectification_area' });

    expect(await counted(sup)).toEqual({ stats: 1, home: 1 });
    // The unit's liaison sees it in its own home too.
    expect(answer('GET /api/v1/home', await get(la, '/api/v1/home')).unit!.health.total).toBe(1);

    const csv = (await get(sup, `/api/v1/ledger.csv?programmeId=${programmeId}`)).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv.find((r) => r.includes('整改：审批时限超过承诺时限'))).toMatch(/^1,督查整改：营商环境专项督查,整改：审批时限超过承诺时限,/);
    const book = XLSX.read((await get(sup, `/api/v1/ledger.xlsx?programmeId=${programmeId}`)).rawPayload);
    const sheet = book.SheetNames.find((n) => n.includes('督查整改'));
    expect(sheet).toBeDefined();
    expect(JSON.stringify(XLSX.utils.sheet_to_json(book.Sheets[sheet!]!, { header: 1 }))).toContain('整改：审批时限超过承诺时限');
  });

  it('reuses the area for the inspection’s next finding', async () => {
    const fB = (await findings()).find((f) => f.taskId === null)!;
    const res = await post(sup, `/api/v1/inspections/findings/${fB.id}/rectify`, { version: fB.version, dueDate: '2024-07-31' });
    expect(res.statusCode).toBe(201);
    const [first, second] = await Promise.all((await findings()).map((f) => taskOf(f.taskId!)));
    expect(second!.areaId).toBe(first!.areaId);
    expect(second!.kind).toBe('task');
    const areas = await t.ctx.db.selectFrom('tasks').select('id').where('programme_id', '=', programmeId).where('kind', '=', 'area').execute();
    expect(areas).toHaveLength(1);
    expect(await counted(sup)).toEqual({ stats: 2, home: 2 });
  });
});
