/**
 * From the reference communiqué to a hundred assigned tasks: the default draft, unit suggestions on the demo city,
 * accepting them in bulk, publishing and assigning at once, the ledger's bulk actions, and re-imports.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../src/server/demo/seed-demo.ts';
import { findUnitByName } from '../../src/server/modules/units/index.ts';
import type { BulkRefusedBody } from '../../src/contract/bulk.ts';
import type { DraftNodeResponse, DraftResponse } from '../../src/contract/drafts.ts';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, signedInUser, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';

const REFERENCE = readFileSync(resolve(import.meta.dirname, '../../demo/wuhan-plenary-communique-2023-12-28.txt'), 'utf8');

const flatten = (nodes: DraftNodeResponse[]): DraftNodeResponse[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('a real programme in minutes (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let documentId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await seedDemoOrganisation(t.ctx);
    supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: REFERENCE } });
    expect(res.statusCode).toBe(201);
    documentId = answer('POST /api/v1/documents/text', res).document.id;
  });
  afterAll(async () => t.close());

  const newDraft = async (): Promise<DraftResponse> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/drafts`, headers: supervisor.headers, payload: {} });
    expect(res.statusCode).toBe(201);
    return answer('POST /api/v1/documents/:id/drafts', res);
  };
  const edit = (d: DraftResponse, operations: unknown[]) =>
    t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.draft.id}/operations`, headers: supervisor.headers, payload: { version: d.draft.version, operations } });

  it('drafts only deployments: the year-end tasks in, slogans out but shown with their class', async () => {
    const d = await newDraft();
    const all = flatten(d.draft.tree);
    const included = all.filter((n) => n.included && n.kind === 'task').map((n) => n.title);
    for (const t of ['保障農民工工資按時足額發放', '加強水電氣運保障和重要民生商品保供穩價', '抓好安全生產、防災減災、社會治安綜合治理等工作']) expect(included).toContain(t);
    for (const slogan of ['正視困難和問題', '堅定信心和決心', '擔當主力軍']) {
      const node = all.find((n) => n.title === slogan);
      expect(node, slogan).toMatchObject({ included: false, class: 'requirement' });
    }
    const inAreas = d.draft.tree.filter((n) => n.kind === 'area' && n.label).flatMap((a) => a.children).filter((n) => n.included);
    expect(inAreas.length).toBeGreaterThanOrEqual(30);
    expect(inAreas.length).toBeLessThanOrEqual(45);
    const consumption = all.find((n) => n.title === '加快建設國際消費中心城市');
    expect(consumption?.keyPoints.map((k) => k.text)).toContain('提振大宗消費');
    // A fresh draft covers every sentence that holds a deployment, and the document says the same.
    expect(d.coverage.covered).toBe(d.coverage.directiveSentences);
  });

  it('suggests the right lead unit for the tasks of the demo city', async () => {
    const d = await newDraft();
    const all = flatten(d.draft.tree);
    const expected: Array<[string, string]> = [
      ['持續推進武漢具有全國影響力的科技創新中心建設', '市科技局'],
      ['大力推進新型工業化', '市经信局'],
      ['加快傳統產業轉型升級', '市经信局'],
      ['大力發展數字經濟和人工智能', '市数据局'],
      ['加快建設國際消費中心城市', '市商务局'],
      ['加強項目策劃', '市发展改革委'],
      ['提升招商引資效益', '市商务局'],
      ['堅持招大引強和培育中小企業相結合', '市经信局'],
      ['以重點領域改革為牽引,全面推進各領域體制機制創新', '市发展改革委'],
      ['加快提升城市樞紐功能、發展樞紐經濟', '市交通运输局'],
      ['培育外貿新動能', '市商务局'],
      ['優化多中心、組團式空間布局', '市自然资源和规划局'],
      ['深入實施城市更新行動', '市住房和城市更新局'],
      ['以產業鏈為紐帶、以園區為載體,推動產業集群集聚發展', '市经信局'],
      ['學習運用“千萬工程”經驗,全面推進鄉村振興', '市农业农村局'],
      ['持續推進以武鄂黃黃為核心的武漢都市圈同城一體化發展', '市发展改革委'],
      ['深入推進長江大保護', '市生态环境局'],
      ['深入實施流域綜合治理和統籌發展規劃綱要', '市水务局'],
      ['堅決扛起糧食安全政治責任', '市农业农村局'],
      ['持續有效防范化解重點領域風險', '市地方金融管理局'],
      ['兜住兜準兜牢民生底線', '市民政局'],
      ['鞏固拓展主題教育成果', '市委组织部'],
      ['進一步加強經濟宣傳和輿論引導', '市委宣传部'],
      ['關心困難群眾生產生活', '市民政局'],
      ['保障農民工工資按時足額發放', '市人社局'],
      ['加強水電氣運保障和重要民生商品保供穩價', '市发展改革委'],
      ['抓好安全生產、防災減災、社會治安綜合治理等工作', '市应急管理局'],
    ];
    const wrong: string[] = [];
    for (const [title, unit] of expected) {
      const node = all.find((n) => n.title === title);
      expect(node, title).toBeDefined();
      if (node?.suggestions[0]?.unitName !== unit) wrong.push(`${title}: ${node?.suggestions[0]?.unitName ?? 'none'} instead of ${unit}`);
    }
    expect(wrong).toEqual([]);
    // Reasons are the matched duty words.
    expect(all.find((n) => n.title === '深入推進長江大保護')?.suggestions[0]?.reasons).toContain('长江大保护');
  });

  it('accepts the suggestions of many tasks in one action', async () => {
    const d = await newDraft();
    const tasks = flatten(d.draft.tree).filter((n) => n.included && n.kind === 'task');
    const res = await edit(d, [{ op: 'acceptSuggestions', ids: tasks.map((n) => n.id) }]);
    expect(res.statusCode).toBe(200);
    const after = flatten(answer('POST /api/v1/drafts/:id/operations', res).draft.tree);
    const withUnit = after.filter((n) => n.included && n.kind === 'task' && n.leadUnitId);
    expect(withUnit.length).toBe(tasks.filter((n) => n.suggestions.length).length);
    const swj = await findUnitByName(t.ctx, '市商务局');
    expect(after.find((n) => n.title === '加快建設國際消費中心城市')?.leadUnitId).toBe(swj?.id);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'context_json']).where('object_id', '=', d.draft.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.action).toBe('draft.edited');
    expect(audit.context_json).toContain('"leadUnitId"');
  });

  it('publishes and assigns at once, listing what was assigned and what was skipped and why', async () => {
    let d = await newDraft();
    const tasks = flatten(d.draft.tree).filter((n) => n.included && n.kind === 'task');
    d = answer('POST /api/v1/drafts/:id/operations', await edit(d, [{ op: 'acceptSuggestions', ids: tasks.map((n) => n.id) }]));
    const withUnit = flatten(d.draft.tree).filter((n) => n.included && n.kind === 'task' && n.leadUnitId);
    const [past, ...future] = withUnit;
    d = answer('POST /api/v1/drafts/:id/operations', await edit(d, [
      { op: 'update', ids: future.slice(0, -1).map((n) => n.id), dueDate: '2027-06-30' },
      { op: 'update', ids: [past!.id], dueDate: '2020-01-01' },
    ]));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.draft.id}/publish`, headers: supervisor.headers, payload: { version: d.draft.version, assign: true } });
    expect(res.statusCode).toBe(201);
    const body = answer('POST /api/v1/drafts/:id/publish', res);
    expect(body.assigned).toHaveLength(future.length - 1);
    expect(body.skipped).toEqual(expect.arrayContaining([
      expect.objectContaining({ title: past!.title, code: 'due_date_past' }),
      expect.objectContaining({ title: future[future.length - 1]!.title, code: 'no_due_date' }),
    ]));
    expect(body.skipped.filter((s) => s.code === 'no_lead_unit').length).toBe(tasks.length - withUnit.length);
    const ledger = answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: `/api/v1/tasks?programmeId=${body.programmeId}&state=assigned&limit=1000`, headers: supervisor.headers }));
    expect(ledger.items).toHaveLength(body.assigned.length);
    // Each assignment is its own transition with its own audit entry.
    const assignedAudit = await t.ctx.db.selectFrom('audit_events').select('object_id').where('action', '=', 'task.assigned').where('object_id', 'in', body.assigned.map((a) => a.taskId)).execute();
    expect(assignedAudit).toHaveLength(body.assigned.length);
  });

  describe('bulk actions on tasks', () => {
    const bulk = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/tasks/bulk', headers: who.headers, payload });

    it('needs a signed-in caller, a valid body and the right permission', async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/tasks/bulk', payload: { action: 'assign', taskIds: ['x'] } })).statusCode).toBe(401);
      expect((await bulk(supervisor, { action: 'explode', taskIds: ['x'] })).statusCode).toBe(400);
      expect((await bulk(supervisor, { action: 'assign', taskIds: [] })).statusCode).toBe(400);
      expect(json(await bulk(supervisor, { action: 'assign', taskIds: ['x'] }))).toMatchObject({ error: { code: 'lead_unit_required' } });
      const liaison = await signedInUser(t.app, t.ctx, ['liaison']);
      expect((await bulk(liaison, { action: 'assign', taskIds: ['x'], leadUnitId: 'u' })).statusCode).toBe(403);
    });

    it('is all or nothing: one refused row and nothing changes, every row says why', async () => {
      const unit = await buildUnit(t.ctx);
      const a = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], leadUnitId: null, dueDate: '2027-03-31' });
      const b = await buildTask(t.ctx, { programmeId: a.programmeId, leadUnitId: null, dueDate: '2027-03-31' });
      const closed = await buildTask(t.ctx, { programmeId: a.programmeId, state: 'closed' });
      const hidden = await buildTask(t.ctx, {});
      const refused = await bulk(supervisor, { action: 'assign', taskIds: [a.id, b.id, closed.id, hidden.id], leadUnitId: unit.id });
      expect(refused.statusCode).toBe(422);
      const body = json<BulkRefusedBody>(refused);
      expect(body.error.code).toBe('bulk_refused');
      expect(body.results.map((r) => [r.taskId, r.ok])).toEqual([[a.id, true], [b.id, true], [closed.id, false], [hidden.id, false]]);
      expect(body.results[3]?.code).toBe('task_not_found');
      const states = await t.ctx.db.selectFrom('tasks').select(['id', 'state']).where('id', 'in', [a.id, b.id]).execute();
      expect(states.every((s) => s.state === 'draft')).toBe(true);

      const ok = await bulk(supervisor, { action: 'assign', taskIds: [a.id, b.id], leadUnitId: unit.id });
      expect(ok.statusCode).toBe(200);
      expect(answer('POST /api/v1/tasks/bulk', ok).results.every((r) => r.ok)).toBe(true);
      const after = await t.ctx.db.selectFrom('tasks').select(['state', 'lead_unit_id']).where('id', 'in', [a.id, b.id]).execute();
      expect(after.every((s) => s.state === 'assigned' && s.lead_unit_id === unit.id)).toBe(true);

      const due = await bulk(supervisor, { action: 'setDueDate', taskIds: [a.id, b.id], dueDate: '2027-09-30' });
      expect(due.statusCode).toBe(200);
      expect((await t.ctx.db.selectFrom('tasks').select('due_date').where('id', '=', b.id).executeTakeFirstOrThrow()).due_date).toBe('2027-09-30');
      const reminded = await bulk(supervisor, { action: 'remind', taskIds: [a.id, b.id], message: '请尽快签收' });
      expect(reminded.statusCode).toBe(200);
      const notices = await t.ctx.db.selectFrom('notices').select('task_id').where('kind', '=', 'manual').where('task_id', 'in', [a.id, b.id]).execute();
      expect(notices).toHaveLength(2);
    });
  });

  describe('importing the same text again', () => {
    it('says so and links to the first import, whatever the file or encoding', async () => {
      const gb = iconv.encode(REFERENCE.replace(/\n/g, '\r\n'), 'gb18030');
      const { payload, headers } = multipart({ filename: 'again.txt', content: gb, type: 'text/plain' });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...supervisor.headers, ...headers }, payload });
      expect(res.statusCode).toBe(409);
      expect(json(res)).toMatchObject({ error: { code: 'document_exists', details: { documentId } } });
    });

    it('accepts the other script’s edition and links it', async () => {
      const cewc = readFileSync(resolve(import.meta.dirname, '../fixtures/intake/cewc_2023.txt'), 'utf8');
      const cewcHk = readFileSync(resolve(import.meta.dirname, '../fixtures/intake/cewc_2023_trad_hk_opencc.txt'), 'utf8');
      const first = answer('POST /api/v1/documents/text', await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: cewc } }));
      const second = await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: cewcHk } });
      expect(second.statusCode).toBe(201);
      const body = answer('POST /api/v1/documents/text', second);
      expect(body.editionOf?.id).toBe(first.document.id);
      const editions = answer('GET /api/v1/documents/:id/editions', await t.app.inject({ method: 'GET', url: `/api/v1/documents/${first.document.id}/editions`, headers: supervisor.headers }));
      expect(editions.items.map((e) => e.id)).toEqual([body.document.id]);
    });
  });

  describe('repairs of machine conversion', () => {
    it('apply to the displayed text and to draft titles once accepted; the original stays byte for byte', async () => {
      const d = await newDraft();
      const proposals = answer('GET /api/v1/documents/:id/repairs', await t.app.inject({ method: 'GET', url: `/api/v1/documents/${documentId}/repairs`, headers: supervisor.headers }));
      const ganbu = proposals.items.filter((r) => r.from === '干' && r.to === '幹');
      expect(ganbu.length).toBeGreaterThan(0);
      expect((await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${documentId}/repairs`, headers: supervisor.headers, payload: { accepted: [1] } })).statusCode).toBe(400);
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${documentId}/repairs`, headers: supervisor.headers, payload: { accepted: proposals.items.map((r) => r.span[0]) } });
      expect(res.statusCode).toBe(200);
      const doc = answer('PUT /api/v1/documents/:id/repairs', res);
      expect(doc.text).toBe(REFERENCE);
      expect(doc.displayText.length).toBe(REFERENCE.length);
      expect(doc.displayText).toContain('幹部');
      expect(doc.repairsAccepted).toBe(proposals.items.length);
      const draft = answer('GET /api/v1/drafts/:id', await t.app.inject({ method: 'GET', url: `/api/v1/drafts/${d.draft.id}`, headers: supervisor.headers }));
      const titles = flatten(draft.draft.tree).map((n) => n.title);
      expect(titles).toContain('充分激發廣大幹部的積極性主動性創造性');
      expect(titles).not.toContain('充分激發廣大干部的積極性主動性創造性');
      const again = answer('GET /api/v1/documents/:id/repairs', await t.app.inject({ method: 'GET', url: `/api/v1/documents/${documentId}/repairs`, headers: supervisor.headers }));
      expect(again.items.every((r) => r.accepted)).toBe(true);
    });
  });
});
