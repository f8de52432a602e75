import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftNodeResponse, DraftResponse } from '../../src/contract/drafts.ts';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildUnit, signedInUser, type SignedIn } from '../support/factories.ts';

const REFERENCE = readFileSync(resolve(import.meta.dirname, '../../demo/wuhan-plenary-communique-2023-12-28.txt'), 'utf8');


describe('review and publish a draft programme (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let documentId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: REFERENCE } });
    documentId = answer('POST /api/v1/documents/text', res).document.id;
  });
  afterAll(async () => t.close());

  const ops = (draft: DraftResponse, operations: unknown[]) => t.app.inject({ method: 'POST', url: `/api/v1/drafts/${draft.draft.id}/operations`, headers: supervisor.headers, payload: { version: draft.draft.version, operations } });

  it('refuses drafts to roles without programme.manage', async () => {
    const liaison = await signedInUser(t.app, t.ctx, ['liaison']);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/drafts`, headers: liaison.headers, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/documents/nope/drafts', headers: supervisor.headers, payload: {} })).statusCode).toBe(404);
  });

  it('starts from the decomposition: six work areas in, three principles shown but left out, spans exact', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/drafts`, headers: supervisor.headers, payload: {} });
    expect(res.statusCode).toBe(201);
    const d = answer('POST /api/v1/documents/:id/drafts', res);
    const flat: DraftNodeResponse[] = [];
    const walk = (ns: DraftNodeResponse[]) => ns.forEach((n) => { flat.push(n); walk(n.children); });
    walk(d.draft.tree);
    const areas = flat.filter((n) => n.kind === 'area');
    expect(areas.map((a) => a.label)).toEqual(['一要', '二要', '三要', '四要', '五要', '六要']);
    expect(areas.every((a) => a.included)).toBe(true);
    const principles = flat.filter((n) => n.kind === 'principle');
    expect(principles.map((p) => p.label)).toEqual(['一要', '二要', '三要']);
    expect(principles.every((p) => !p.included)).toBe(true);
    for (const a of areas) expect(REFERENCE.slice(a.span![0], a.span![1]).startsWith(a.label!)).toBe(true);
    expect(d.coverage.directiveSentences).toBeGreaterThan(0);
    expect(d.coverage.covered).toBeLessThanOrEqual(d.coverage.directiveSentences);
  });

  it('edits (rename, bulk units, delete, stale version) and publishes tasks that keep their source spans', async () => {
    const unit = await buildUnit(t.ctx, { name: '市经信局-draft' });
    let d = answer('POST /api/v1/documents/:id/drafts', await t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/drafts`, headers: supervisor.headers, payload: { title: '2024年经济工作分解方案' } }));
    const area1 = d.draft.tree.find((n) => n.kind === 'area' && n.label === '一要') ?? d.draft.tree.flatMap((n) => n.children).find((n) => n.kind === 'area' && n.label === '一要')!;
    const before = d.coverage.covered;

    const bad = await ops(d, [{ op: 'update', ids: [area1.id], leadUnitId: 'no-such-unit' }]);
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ error: { code: 'unit_not_found' } });
    const badOp = await ops(d, [{ op: 'rename', id: 'ghost', title: 'x' }]);
    expect(badOp.statusCode).toBe(404);

    const edited = await ops(d, [
      { op: 'rename', id: area1.id, title: '以科技创新引领现代化产业体系建设' },
      { op: 'update', ids: [area1.id, ...area1.children.map((c) => c.id)], leadUnitId: unit.id, dueDate: '2024-12-31' },
      { op: 'delete', id: area1.children[area1.children.length - 1]!.id },
    ]);
    expect(edited.statusCode).toBe(200);
    const stale = await ops(d, [{ op: 'rename', id: area1.id, title: 'again' }]);
    expect(stale.statusCode).toBe(409);
    d = answer('POST /api/v1/drafts/:id/operations', edited);
    expect(d.coverage.covered).toBeLessThanOrEqual(before);

    const published = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.draft.id}/publish`, headers: supervisor.headers, payload: { version: d.draft.version } });
    expect(published.statusCode).toBe(201);
    const { programmeId, tasks } = answer('POST /api/v1/drafts/:id/publish', published);
    expect(tasks).toBe(d.counts.included);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.draft.id}/publish`, headers: supervisor.headers, payload: { version: d.draft.version + 1 } });
    expect(json(again)).toMatchObject({ error: { code: 'draft_closed' } });

    const ledger = answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: `/api/v1/tasks?programmeId=${programmeId}&limit=1000`, headers: supervisor.headers }));
    expect(ledger.total).toBe(tasks);
    const areas = ledger.items.filter((i) => i.kind === 'area');
    // The six work areas, then the unlabelled paragraphs that hold deployments (the year-end tasks among them).
    expect(areas.map((a) => a.label)).toEqual(['一要', '二要', '三要', '四要', '五要', '六要', null, null]);
    expect(areas[7]?.title).toBe('會議要求：做好歲末年初各項工作');
    expect(areas[0]).toMatchObject({ title: '以科技创新引领现代化产业体系建设', leadUnitId: unit.id, state: 'draft' });
    for (const task of ledger.items) {
      expect(task.source).not.toBeNull();
      const text = REFERENCE.slice(task.source!.start, task.source!.end);
      if (task.label) expect(text.startsWith(task.label)).toBe(true);
    }
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', 'in', [d.draft.id, programmeId]).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['draft.created', 'draft.edited', 'programme.created', 'draft.published']);
  });
});
