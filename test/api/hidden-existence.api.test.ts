import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


const MISSING = '00000000-0000-7000-8000-000000000000';

// Whoever may not see an object must get the same answer for it as for an id that does not exist: a 403 for a real
// id and a 404 for a made-up one would tell them which programmes, tasks and reports exist.
describe('refusals of invisible objects do not reveal that they exist', () => {
  let t: TestApp;
  let owner: SignedIn;
  let stranger: SignedIn;
  let programmeId: string;
  let taskId: string;
  let reportId: string;
  let milestoneId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    const unit = await buildUnit(t.ctx);
    owner = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    stranger = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    const liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
    programmeId = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: owner.headers, payload: { title: '别人的方案' } })).id;
    taskId = (await buildTask(t.ctx, { programmeId, state: 'signed', leadUnitId: unit.id, cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2024-12-31' })).id;
    reportId = answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-04', progress: 5, text: '进展' } })).id;
    milestoneId = answer('POST /api/v1/tasks/:id/milestones', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/milestones`, headers: owner.headers, payload: { title: '节点', dueDate: '2024-06-30' } })).id;
  });
  afterAll(async () => t.close());

  const probe = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) => {
    const res = await t.app.inject({ method, url, headers: stranger.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, code: res.statusCode >= 400 ? json<ErrorBody>(res).error.code : null };
  };

  const cases = (): Array<{ method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; real: string; missing: string; payload?: Record<string, unknown> }> => [
    { method: 'POST', real: `/api/v1/programmes/${programmeId}/tasks`, missing: `/api/v1/programmes/${MISSING}/tasks`, payload: { title: '插入的任务' } },
    { method: 'GET', real: `/api/v1/programmes/${programmeId}`, missing: `/api/v1/programmes/${MISSING}` },
    { method: 'PATCH', real: `/api/v1/programmes/${programmeId}`, missing: `/api/v1/programmes/${MISSING}`, payload: { version: 1, title: 'x' } },
    { method: 'POST', real: `/api/v1/programmes/${programmeId}/periods/2024-04/lock`, missing: `/api/v1/programmes/${MISSING}/periods/2024-04/lock` },
    { method: 'DELETE', real: `/api/v1/programmes/${programmeId}/periods/2024-04/lock`, missing: `/api/v1/programmes/${MISSING}/periods/2024-04/lock` },
    { method: 'GET', real: `/api/v1/tasks/${taskId}`, missing: `/api/v1/tasks/${MISSING}` },
    { method: 'PATCH', real: `/api/v1/tasks/${taskId}`, missing: `/api/v1/tasks/${MISSING}`, payload: { version: 1, title: 'x' } },
    { method: 'POST', real: `/api/v1/tasks/${taskId}/transitions`, missing: `/api/v1/tasks/${MISSING}/transitions`, payload: { action: 'suspend', version: 1, reason: 'x', reviewDate: '2024-09-01' } },
    { method: 'POST', real: `/api/v1/tasks/${taskId}/milestones`, missing: `/api/v1/tasks/${MISSING}/milestones`, payload: { title: 'x', dueDate: '2024-06-30' } },
    { method: 'PATCH', real: `/api/v1/milestones/${milestoneId}`, missing: `/api/v1/milestones/${MISSING}`, payload: { version: 1, title: 'x' } },
    { method: 'DELETE', real: `/api/v1/milestones/${milestoneId}?version=1`, missing: `/api/v1/milestones/${MISSING}?version=1` },
    { method: 'POST', real: `/api/v1/tasks/${taskId}/reminders`, missing: `/api/v1/tasks/${MISSING}/reminders`, payload: {} },
    { method: 'GET', real: `/api/v1/tasks/${taskId}/timeline`, missing: `/api/v1/tasks/${MISSING}/timeline` },
    { method: 'GET', real: `/api/v1/reports/${reportId}`, missing: `/api/v1/reports/${MISSING}` },
    { method: 'POST', real: `/api/v1/reports/${reportId}/accept`, missing: `/api/v1/reports/${MISSING}/accept`, payload: {} },
    { method: 'POST', real: `/api/v1/reports/${reportId}/return`, missing: `/api/v1/reports/${MISSING}/return`, payload: { reason: 'x' } },
  ];

  it('answers a hidden object exactly as a missing one, with 404', async () => {
    for (const c of cases()) {
      const real = await probe(c.method, c.real, c.payload);
      const missing = await probe(c.method, c.missing, c.payload);
      expect({ route: `${c.method} ${c.real}`, real }).toEqual({ route: `${c.method} ${c.real}`, real: missing });
      expect({ route: `${c.method} ${c.real}`, status: real.status }).toEqual({ route: `${c.method} ${c.real}`, status: 404 });
    }
  });

  it('still answers 403 to someone who may see the programme but not change it', async () => {
    const viewerSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor', 'viewer'] }));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: viewerSupervisor.headers, payload: { title: 'x' } });
    expect(res.statusCode).toBe(403);
  });
});
