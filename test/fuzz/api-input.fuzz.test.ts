/**
 * Fuzzing what users type, through the real HTTP stack: report content, draft edits, task plans, ledger queries and
 * sign-in. Whatever arrives, the answer is a 2xx or a 4xx with `{ error: { code, message } }` — never a 500, never a
 * hang — on both databases (PostgreSQL refuses some text SQLite takes, which is how NUL bytes gave 500s).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\u202e', '\ud800', '\uffff', '%00', "'; drop table reports; --", '<script>alert(1)</script>', '=cmd|"/c calc"!A0', 'x'.repeat(30_000), ' ', '\u200b', '', '一、'),
);
const value = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }), fc.dictionary(nasty, nasty, { maxKeys: 3 }));

function expectClean(res: { statusCode: number; body: string }, what: string): void {
  expect({ what, status: res.statusCode, body: res.statusCode >= 500 ? res.body : '' }).toEqual({ what, status: expect.any(Number), body: '' });
  expect(res.statusCode).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code).toBe('string');
    expect(typeof body.error?.message).toBe('string');
  }
}

describe.each(DIALECTS)('user input under fuzzing (%s)', (dialect) => {
  let t: TestApp;
  let supervisor: SignedIn;
  let liaison: SignedIn;
  let programmeId: string;
  let taskId: string;
  let reportId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    const unit = await buildUnit(t.ctx);
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
    programmeId = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: '模糊测试方案' } })).id;
    taskId = (await buildTask(t.ctx, { programmeId, state: 'signed', leadUnitId: unit.id, cadence: { kind: 'monthly' }, signedAt: '2024-01-10T02:00:00.000Z', dueDate: '2024-12-31' })).id;
    reportId = answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-01', progress: 5, text: '起始' } })).id;
    const doc = answer('POST /api/v1/documents/text', await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: '一、加快建设现代化产业体系\n（一）推进新型工业化。\n二、扩大有效需求' } })).document;
    draftId = answer('POST /api/v1/documents/:id/drafts', await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/drafts`, headers: supervisor.headers, payload: {} })).draft.id;
  });
  afterAll(async () => t.close());

  it('report content: creating and editing with arbitrary fields and values', async () => {
    const body = fc.record({ periodKey: fc.oneof(fc.constantFrom('2024-02', '2024-03', '2024-13', '2099-01', '2024-W05'), nasty), progress: fc.oneof(fc.integer({ min: -10, max: 200 }), value), text: value, problems: value, nextSteps: value, milestoneUpdates: fc.oneof(value, fc.array(fc.record({ milestoneId: nasty, done: value }), { maxLength: 3 })) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(body, async (payload) => {
      expectClean(await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload }), 'create report');
      const version = answer('GET /api/v1/reports/:id', await t.app.inject({ method: 'GET', url: `/api/v1/reports/${reportId}`, headers: liaison.headers })).version;
      expectClean(await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${reportId}`, headers: liaison.headers, payload: { ...payload, periodKey: undefined, version } }), 'edit report');
    }), { numRuns: 60 });
  });

  it('draft edits: arbitrary operation lists', async () => {
    const operation = fc.record({ op: fc.oneof(fc.constantFrom('rename', 'update', 'delete', 'split', 'merge', 'move', 'add'), nasty), id: value, ids: value, title: value, at: value, parentId: value, index: value, span: value, included: value, dueDate: value }, { requiredKeys: ['op'] });
    await fc.assert(fc.asyncProperty(fc.array(operation, { maxLength: 5 }), fc.option(value), async (operations, title) => {
      const version = answer('GET /api/v1/drafts/:id', await t.app.inject({ method: 'GET', url: `/api/v1/drafts/${draftId}`, headers: supervisor.headers })).draft.version;
      expectClean(await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${draftId}/operations`, headers: supervisor.headers, payload: { version, operations, ...(title === null ? {} : { title }) } }), 'draft operations');
    }), { numRuns: 60 });
  });

  it('task plans and ledger queries', async () => {
    const plan = fc.record({ title: value, description: value, dueDate: value, startDate: value, weight: value, tags: value, coUnits: value, cadence: value, leadUnitId: value }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(plan, fc.dictionary(fc.constantFrom('q', 'state', 'health', 'sort', 'limit', 'offset', 'dueFrom', 'tag', 'programmeId'), nasty, { maxKeys: 4 }), async (payload, query) => {
      expectClean(await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload }), 'create task');
      const qs = new URLSearchParams(query).toString();
      expectClean(await t.app.inject({ method: 'GET', url: `/api/v1/tasks?${qs}`, headers: liaison.headers }), `ledger ?${qs}`);
    }), { numRuns: 60 });
  });

  it('sign-in with arbitrary bodies', async () => {
    await fc.assert(fc.asyncProperty(fc.record({ username: value, password: value }, { requiredKeys: [] }), async (payload) => {
      expectClean(await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, payload }), 'sign-in');
    }), { numRuns: 40 });
  });
});
