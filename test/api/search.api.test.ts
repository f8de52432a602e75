import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToHant } from '../../src/core/intake/opencc.ts';
import type { ApiKey } from '../../src/contract/api.ts';
import { answer, callAs, createTestApp, json, type TestApp, TestClock } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';

const REPORT_TEXT = '本月完成社区嵌入式养老驿站建设十二处，惠及老年人三千余名。';
const DOC_TEXT = [
  '关于做好二〇二四年民生实事项目的通知',
  '一、总体要求',
  '坚持以人民为中心的发展思想，着力保障和改善民生，兜住兜准兜牢民生底线。',
  '二、重点任务',
  '（一）完善养老服务体系，发展银发经济。',
].join('\n');

describe('search API', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let lead: SignedIn;
  let other: SignedIn;
  let viewer: SignedIn;
  let programmeId: string;
  let taskId: string;
  let otherTaskId: string;
  let leadUnit: string;
  let otherUnit: string;
  let docIds: string[];

  const call = <K extends ApiKey>(who: SignedIn, key: K, url: string, payload?: unknown) => callAs(t.app, who, key, url, payload);
  const search = (who: SignedIn | null, query: string) => t.app.inject({ method: 'GET', url: `/api/v1/search?${query}`, headers: who?.headers ?? {} });
  const found = async (who: SignedIn, query: string) => {
    const res = await search(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return answer('GET /api/v1/search', res);
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    leadUnit = (await buildUnit(t.ctx)).id;
    otherUnit = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    other = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: otherUnit }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    programmeId = (await call(supervisor, 'POST /api/v1/programmes', '/api/v1/programmes', { title: '民生实事' })).id;
    const publish = async (title: string, unit: string, liaison: SignedIn) => {
      const task = await call(supervisor, 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${programmeId}/tasks`, { title, leadUnitId: unit, dueDate: '2024-12-31' });
      const assigned = await call(supervisor, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${task.id}/transitions`, { action: 'assign', version: task.version, cadence: { kind: 'monthly' } });
      await call(liaison, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${task.id}/transitions`, { action: 'sign', version: assigned.version });
      return task.id;
    };
    taskId = await publish('推进社区养老服务设施建设', leadUnit, lead);
    otherTaskId = await publish('实施城镇老旧小区改造工程', otherUnit, other);
    await call(lead, 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${taskId}/reports`, { periodKey: '2024-05', progress: 30, text: REPORT_TEXT });
    const simplified = await call(supervisor, 'POST /api/v1/documents/text', '/api/v1/documents/text', { text: DOC_TEXT });
    const traditional = await call(supervisor, 'POST /api/v1/documents/text', '/api/v1/documents/text', { text: convertToHant(DOC_TEXT) });
    docIds = [simplified.document.id, traditional.document.id];
  });
  afterAll(async () => t.close());

  it('refuses the anonymous (401) and bad input (400) with a clear message', async () => {
    expect((await search(null, 'q=民生')).statusCode).toBe(401);
    const missing = await search(supervisor, '');
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({ error: { code: 'invalid_request' } });
    const punctuation = await search(supervisor, `q=${encodeURIComponent('，。！')}`);
    expect(punctuation.statusCode).toBe(400);
    expect(json(punctuation)).toMatchObject({ error: { code: 'query_empty', message: 'The query has no letters or digits to search for' } });
    expect((await search(supervisor, 'q=民生&type=visit')).statusCode).toBe(400);
    expect((await search(supervisor, 'q=民生&limit=51')).statusCode).toBe(400);
    expect((await search(supervisor, `q=${'民'.repeat(101)}`)).statusCode).toBe(400);
    expect((await search(supervisor, 'q=民生&colour=red')).statusCode).toBe(400);
  });

  it('never returns what the caller cannot see: a liaison searching another unit’s task title gets nothing', async () => {
    const theirs = await found(other, `q=${encodeURIComponent('养老服务设施')}`);
    expect(theirs).toEqual({ items: [], total: 0, totalCapped: false });
    expect((await found(other, `q=${encodeURIComponent('养老驿站')}`)).total).toBe(0);
    // Its own unit's task and report it does find; and the other liaison finds its own task.
    const mine = await found(lead, `q=${encodeURIComponent('养老')}&type=task`);
    expect(mine.items.map((i) => i.id)).toEqual([taskId]);
    expect((await found(other, `q=${encodeURIComponent('老旧小区')}`)).items.map((i) => i.id)).toEqual([otherTaskId]);
    expect((await found(lead, `q=${encodeURIComponent('老旧小区')}`)).total).toBe(0);
    // A viewer sees tasks but not reports.
    expect((await found(viewer, `q=${encodeURIComponent('养老驿站')}`)).total).toBe(0);
    expect((await found(viewer, `q=${encodeURIComponent('养老服务设施')}`)).items.map((i) => i.type)).toEqual(['task']);
  });

  it('finds a two-character query in both editions of a document, whichever script the query is in', async () => {
    for (const q of ['民生', '民生底线', '兜牢民生']) {
      const r = await found(supervisor, `q=${encodeURIComponent(q)}&type=document`);
      expect(new Set(r.items.map((i) => i.id))).toEqual(new Set(docIds));
    }
    const hant = await found(supervisor, `q=${encodeURIComponent('養老服務')}&type=document`);
    expect(new Set(hant.items.map((i) => i.id))).toEqual(new Set(docIds));
    expect(hant.items.every((i) => i.part === 4)).toBe(true);
  });

  it('highlights snippets in the reader’s script', async () => {
    const r = await found(supervisor, `q=${encodeURIComponent('养老')}&script=hant`);
    expect(r.items.length).toBeGreaterThanOrEqual(4);
    for (const item of r.items) {
      expect(item.highlights.length).toBeGreaterThanOrEqual(1);
      for (const [s, e] of item.highlights) expect(item.snippet.slice(s, e)).toBe('養老');
    }
    const report = r.items.find((i) => i.type === 'report')!;
    expect(report).toMatchObject({ taskId, title: '推進社區養老服務設施建設' });
    expect(report.snippet).toContain('驛站');
  });

  it('filters by type, unit and programme, and pages with a total', async () => {
    const all = await found(supervisor, `q=${encodeURIComponent('养老')}`);
    expect(all.total).toBe(4);
    expect(new Set(all.items.map((i) => i.type))).toEqual(new Set(['document', 'task', 'report']));
    expect((await found(supervisor, `q=${encodeURIComponent('养老')}&type=report`)).items.map((i) => i.type)).toEqual(['report']);
    const unit = await found(supervisor, `q=${encodeURIComponent('养老')}&unitId=${leadUnit}`);
    expect(new Set(unit.items.map((i) => i.type))).toEqual(new Set(['task', 'report']));
    expect((await found(supervisor, `q=${encodeURIComponent('养老')}&programmeId=${programmeId}`)).total).toBe(2);
    expect((await found(supervisor, `q=${encodeURIComponent('养老')}&programmeId=00000000-0000-7000-8000-000000000000`)).total).toBe(0);
    const page = await found(supervisor, `q=${encodeURIComponent('养老')}&limit=3&offset=2`);
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
  });

  it('follows edits in the same transaction: a renamed task is found by its new title only', async () => {
    const task = await call(supervisor, 'GET /api/v1/tasks/:id', `/api/v1/tasks/${taskId}`);
    const version = task.task.version;
    await call(supervisor, 'PATCH /api/v1/tasks/:id', `/api/v1/tasks/${taskId}`, { version, title: '建设智慧助餐服务网络' });
    expect((await found(lead, `q=${encodeURIComponent('养老服务设施')}`)).total).toBe(0);
    const renamed = await found(lead, `q=${encodeURIComponent('智慧助餐')}`);
    expect(renamed.items.map((i) => i.id)).toEqual([taskId]);
    // The report's entry carries the task's new title.
    const report = await found(lead, `q=${encodeURIComponent('养老驿站')}`);
    expect(report.items[0]).toMatchObject({ type: 'report', title: '建设智慧助餐服务网络' });
  });

  it('finds inspection findings and relay records in either script, never another unit’s', async () => {
    const inspection = await call(supervisor, 'POST /api/v1/inspections', '/api/v1/inspections', { programmeId, topic: '安全生产专项督查', kind: 'special', members: [{ userId: supervisor.user.id, team: '第一组' }], targetUnitIds: [leadUnit, otherUnit] });
    await call(supervisor, 'POST /api/v1/inspections/:id/transitions', `/api/v1/inspections/${inspection.id}/transitions`, { action: 'start', version: inspection.version });
    const leadFinding = await call(supervisor, 'POST /api/v1/inspections/:id/findings', `/api/v1/inspections/${inspection.id}/findings`, { unitId: leadUnit, title: convertToHant('燃气管道老化未整改'), severity: 'serious' });
    const otherFinding = await call(supervisor, 'POST /api/v1/inspections/:id/findings', `/api/v1/inspections/${inspection.id}/findings`, { unitId: otherUnit, title: '燃气报警器缺失', severity: 'general' });
    await t.ctx.db.insertInto('programme_documents').values({ programme_id: programmeId, document_id: docIds[0]! }).execute();
    const campaign = await call(supervisor, 'POST /api/v1/relays', '/api/v1/relays', { documentId: docIds[0], programmeId, unitIds: [leadUnit, otherUnit] });
    const record = await call(lead, 'POST /api/v1/relays/:id/records', `/api/v1/relays/${campaign.id}/records`, { meetingType: 'party_group', meetingDate: '2024-05-09', chair: '书记', attendeeCount: 9, minutes: '传达学习燃气安全专题部署' });
    const q = (words: string, extra = '') => `q=${encodeURIComponent(words)}${extra}`;

    // The other unit's liaison finds its own finding only, and no relay record of the lead unit.
    expect((await found(other, q('燃气'))).items.map((i) => i.id)).toEqual([otherFinding.id]);
    expect((await found(other, q('燃氣管道'))).total).toBe(0);
    expect((await found(other, q('燃气安全'))).total).toBe(0);
    // A viewer reads neither (the inspection runs; relay records' contents are their units' and supervisors').
    expect((await found(viewer, q('燃气'))).total).toBe(0);

    // The lead unit finds its finding (written in Traditional) with a Simplified query, and its record.
    const mine = await found(lead, q('燃气管道', '&script=hans'));
    expect(mine.items).toEqual([expect.objectContaining({ type: 'finding', id: leadFinding.id, parentId: inspection.id, taskId: null, title: '燃气管道老化未整改' })]);
    const relay = await found(lead, q('燃氣安全', '&type=relay'));
    expect(relay.items).toEqual([expect.objectContaining({ type: 'relay', id: record.id, parentId: campaign.id, taskId: null })]);
    expect(relay.items[0]!.snippet.slice(...relay.items[0]!.highlights[0]!)).toBe('燃气安全');

    // The supervisor finds all three; the type and unit filters narrow them.
    expect(new Set((await found(supervisor, q('燃气'))).items.map((i) => i.id))).toEqual(new Set([leadFinding.id, otherFinding.id, record.id]));
    expect((await found(supervisor, q('燃气', '&type=finding'))).total).toBe(2);
    expect((await found(supervisor, q('燃气', `&unitId=${leadUnit}`))).items.map((i) => i.type).sort()).toEqual(['finding', 'relay']);
    expect((await found(supervisor, q('燃气', `&programmeId=${programmeId}&type=relay`))).total).toBe(1);
  });
});
