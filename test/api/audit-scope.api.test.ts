import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';

// The audit log shows what each object's own endpoint would show, no more: a supervisor reads the entries of the
// programmes they supervise, and the contents of another programme's tasks, reports, evidence and drafts stay hidden.
describe.each(DIALECTS)('the audit log is scoped like the objects it records (%s)', (dialect) => {
  let t: TestApp;
  let mine: SignedIn;
  let theirs: SignedIn;
  let admin: SignedIn;
  let leader: SignedIn;
  const secret: Record<string, string> = {};
  const hiddenIds: string[] = [];
  let ownTaskId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    const unit = await buildUnit(t.ctx);
    mine = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    theirs = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    admin = await signIn(t.app, await buildUser(t.ctx, { roles: ['admin'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    const liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));

    // Their programme, with a task, a milestone, a draft report with evidence, and a draft programme.
    secret.programme = '他人方案标题ZQX';
    secret.task = '他人任务标题ZQX';
    secret.milestone = '他人节点标题ZQX';
    secret.report = '他人报告草稿内容ZQX';
    secret.evidence = '他人证据ZQX.txt';
    secret.draft = '他人分解草稿ZQX';
    const p = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: theirs.headers, payload: { title: secret.programme } }));
    const task = answer('POST /api/v1/programmes/:id/tasks', await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${p.id}/tasks`, headers: theirs.headers, payload: { title: secret.task, leadUnitId: unit.id, dueDate: '2024-12-31' } }));
    const milestone = answer('POST /api/v1/tasks/:id/milestones', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/milestones`, headers: theirs.headers, payload: { title: secret.milestone, dueDate: '2024-06-30' } }));
    const assigned = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/transitions`, headers: theirs.headers, payload: { action: 'assign', version: task.version, cadence: { kind: 'monthly' } } });
    expect(assigned.statusCode).toBe(200);
    const signed = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/transitions`, headers: liaison.headers, payload: { action: 'sign', version: answer('POST /api/v1/tasks/:id/transitions', assigned).version } });
    expect(signed.statusCode).toBe(200);
    const report = answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, headers: liaison.headers, payload: { periodKey: '2024-05', progress: 5, text: secret.report } }));
    const body = multipart({ filename: secret.evidence, content: '证据正文\n' });
    const ev = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/evidence`, headers: { ...liaison.headers, ...body.headers }, payload: body.payload });
    expect(ev.statusCode).toBe(201);
    const evidenceId = answer('POST /api/v1/reports/:id/evidence', ev).items[0]!.id;
    const doc = answer('POST /api/v1/documents/text', await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: theirs.headers, payload: { text: '一、加快建设现代化产业体系\n（一）推进新型工业化。' } })).document;
    const draft = answer('POST /api/v1/documents/:id/drafts', await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/drafts`, headers: theirs.headers, payload: { title: secret.draft } })).draft;
    hiddenIds.push(p.id, task.id, milestone.id, report.id, evidenceId, draft.id);

    // My programme, for the positive side.
    const own = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: mine.headers, payload: { title: '我的方案' } }));
    ownTaskId = answer('POST /api/v1/programmes/:id/tasks', await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${own.id}/tasks`, headers: mine.headers, payload: { title: '我的任务' } })).id;
  });
  afterAll(async () => t.close());

  const audit = async (who: SignedIn, query = 'limit=500') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    return { items: answer('GET /api/v1/audit', res).items, body: res.body };
  };

  it('shows a supervisor nothing of a programme they do not supervise', async () => {
    const { items, body } = await audit(mine);
    for (const id of hiddenIds) expect({ id, found: items.some((i) => i.objectId === id) }).toEqual({ id, found: false });
    for (const [what, text] of Object.entries(secret)) expect({ what, leaked: body.includes(text) }).toEqual({ what, leaked: false });
    expect(items.some((i) => i.objectId === ownTaskId && i.action === 'task.created')).toBe(true);
    for (const id of hiddenIds) {
      const filtered = await audit(mine, `objectId=${id}`);
      expect(filtered.items).toEqual([]);
    }
  });

  it('shows the supervising supervisor the whole history of their programme', async () => {
    const { items, body } = await audit(theirs);
    for (const id of hiddenIds) expect({ id, found: items.some((i) => i.objectId === id) }).toEqual({ id, found: true });
    expect(body).toContain(secret.report);
    expect(items.some((i) => i.objectId === ownTaskId)).toBe(false);
  });

  it('shows leaders the published work but not someone else’s draft programme, and administrators everything', async () => {
    const asLeader = await audit(leader);
    expect(asLeader.items.some((i) => i.objectId === hiddenIds[1])).toBe(true);
    expect(asLeader.body).not.toContain(secret.draft);
    const asAdmin = await audit(admin);
    for (const id of [...hiddenIds, ownTaskId]) expect({ id, found: asAdmin.items.some((i) => i.objectId === id) }).toEqual({ id, found: true });
  });

  it('shows a supervisor their own account’s entries but not other people’s sign-ins', async () => {
    const { items } = await audit(mine);
    expect(items.some((i) => i.objectType === 'user' && i.objectId === mine.user.id && i.action === 'user.signed_in')).toBe(true);
    expect(items.some((i) => i.objectType === 'user' && i.objectId !== mine.user.id)).toBe(false);
  });
});
