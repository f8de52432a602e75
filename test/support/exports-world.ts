/**
 * A small programme with two work areas, built through the API, for the export and import tests: tasks in every
 * interesting condition (overdue and red, closed early with a report accepted at first submission, a formula-like
 * title, a sub-task), units with liaisons, and people in every role.
 */
import { expect } from 'vitest';
import type { ApiKey } from '../../src/contract/api.ts';
import { refreshAllHealth } from '../../src/server/modules/tasks/index.ts';
import {  callAs, type TestApp, TestClock } from './harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from './factories.ts';
import { multipart } from './multipart.ts';

/** Fixed "today" of the world: tasks due before it are overdue. */
export const WORLD_NOW = new Date('2024-05-10T02:00:00.000Z');

export interface ExportsWorld {
  programmeId: string;
  programmeTitle: string;
  otherProgrammeId: string;
  units: { lead: string; co: string; other: string };
  unitNames: { lead: string; co: string; other: string };
  areas: { demand: string; tech: string };
  tasks: { overdue: string; formula: string; closed: string; plain: string; sub: string };
  as: Record<'admin' | 'leader' | 'viewer' | 'sup' | 'osup' | 'lead' | 'co' | 'other', SignedIn>;
}

export const worldClock = () => new TestClock(new Date('2024-04-01T02:00:00.000Z'));

let n = 0;
const uniq = (s: string) => `${s}${process.pid}w${++n}`;

/** Builds the world; the app's clock must be a TestClock (it is moved from March to WORLD_NOW on the way). */
export async function buildExportsWorld(t: TestApp): Promise<ExportsWorld> {
  const unitNames = { lead: uniq('市发展改革委'), co: uniq('市商务局'), other: uniq('市教育局') };
  const units = {
    lead: (await buildUnit(t.ctx, { name: unitNames.lead })).id,
    co: (await buildUnit(t.ctx, { name: unitNames.co })).id,
    other: (await buildUnit(t.ctx, { name: unitNames.other })).id };
  const person = async (roles: NonNullable<Parameters<typeof buildUser>[1]>['roles'], unitId?: string) => signIn(t.app, await buildUser(t.ctx, { roles, ...(unitId ? { unitId } : {}) }));
  // Sessions expire when the clock jumps, so everyone signs in again after each jump.
  const resign = async () => {
    for (const key of Object.keys(as) as Array<keyof typeof as>) as[key] = await signIn(t.app, as[key].user);
  };
  const as: ExportsWorld['as'] = {
    admin: await person(['admin']),
    leader: await person(['leader']),
    viewer: await person(['viewer']),
    sup: await person(['supervisor']),
    osup: await person(['supervisor']),
    lead: await person(['liaison'], units.lead),
    co: await person(['liaison'], units.co),
    other: await person(['liaison'], units.other) };
  const call = <K extends ApiKey>(who: SignedIn, key: K, url: string, payload?: object) => callAs(t.app, who, key, url, payload);
  const programmeTitle = uniq('2024年重点工作');
  const programmeId = (await call(as.sup, 'POST /api/v1/programmes', '/api/v1/programmes', { title: programmeTitle })).id;
  // Lenient: 申请办结 without a final report (the platform task closes on its accepted monthly report).
  const p = await t.app.inject({ method: 'PATCH', url: `/api/v1/programmes/${programmeId}`, headers: as.sup.headers, payload: { version: 1, completionPolicy: 'lenient' } });
  expect(p.statusCode, p.body).toBe(200);
  const otherProgrammeId = (await call(as.osup, 'POST /api/v1/programmes', '/api/v1/programmes', { title: uniq('另一方案') })).id;
  const add = (body: object) => call(as.sup, 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${programmeId}/tasks`, body);
  const demand = (await add({ title: '扩大有效需求' })).id;
  const tech = (await add({ title: '加快科技创新' })).id;
  const overdue = await add({ title: '推进城市更新项目建设', parentId: demand, leadUnitId: units.lead, coUnits: [{ unitId: units.co }], dueDate: '2024-04-30' });
  const formula = await add({ title: '=HYPERLINK("http://x","促进消费")', parentId: demand, leadUnitId: units.other, dueDate: '2024-12-31' });
  const closed = await add({ title: '建设科技创新平台', parentId: tech, leadUnitId: units.lead, dueDate: '2024-09-30', cadence: { kind: 'monthly' } });
  const plain = await add({ title: '培育新兴产业集群', parentId: tech, leadUnitId: units.co, dueDate: '2024-11-30' });
  const sub = await add({ title: '引进高层次人才', parentId: plain.id, leadUnitId: units.co, dueDate: '2024-10-31' });

  const transition = async (who: SignedIn, id: string, body: object) => {
    const cur = await call(who, 'GET /api/v1/tasks/:id', `/api/v1/tasks/${id}`);
    return call(who, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${id}/transitions`, { ...body, version: cur.task.version });
  };
  for (const task of [overdue, formula, closed, plain, sub]) await transition(as.sup, task.id, { action: 'assign', ...(task.id === closed.id ? {} : { cadence: { kind: 'monthly' } }) });
  await transition(as.lead, overdue.id, { action: 'sign' });
  await transition(as.other, formula.id, { action: 'sign' });
  await transition(as.lead, closed.id, { action: 'sign' });
  await transition(as.co, plain.id, { action: 'sign' });

  // The platform task: a report accepted at its first submission, completion requested and closed months early.
  const clock = t.clock as TestClock;
  clock.set('2024-04-02T02:00:00.000Z');
  await resign();
  const report = await call(as.lead, 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${closed.id}/reports`, { periodKey: '2024-04', progress: 100, text: '平台已建成并投入运行' });
  const evidence = multipart({ filename: '验收报告.txt', content: '平台验收合格\n' });
  const ev = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/evidence`, headers: { ...as.lead.headers, ...evidence.headers }, payload: evidence.payload });
  expect(ev.statusCode, ev.body).toBe(201);
  await call(as.lead, 'POST /api/v1/reports/:id/submit', `/api/v1/reports/${report.id}/submit`, {});
  await call(as.sup, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${report.id}/accept`, {});
  await transition(as.lead, closed.id, { action: 'requestCompletion' });
  await transition(as.sup, closed.id, { action: 'close' });

  clock.set(WORLD_NOW);
  await resign();
  await refreshAllHealth(t.ctx.db, clock.now());
  return {
    programmeId,
    programmeTitle,
    otherProgrammeId,
    units,
    unitNames,
    areas: { demand, tech },
    tasks: { overdue: overdue.id, formula: formula.id, closed: closed.id, plain: plain.id, sub: sub.id },
    as };
}
