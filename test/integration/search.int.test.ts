import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToHant } from '../../src/core/intake/opencc.ts';
import { importDocument } from '../../src/server/modules/documents/index.ts';
import { search } from '../../src/server/modules/search/index.ts';
import { rebuildSearchIndex } from '../../src/server/modules/search/index.ts';
import { createReport } from '../../src/server/modules/reports/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';
import { runCli } from '../support/cli.ts';
import { searchForm, tokensOf } from '../../src/core/search/index.ts';
import { fulltextValue } from '../../src/server/platform/db/fulltext.ts';
import { newId } from '../../src/server/platform/ids.ts';

describe.each(DIALECTS)('full-text search (%s)', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
  });
  afterAll(async () => env.close());

  it('indexes in the writing transaction, rebuilds from scratch, and scopes every match to what the caller may see', async () => {
    const { ctx } = env;
    const unitA = await buildUnit(ctx);
    const unitB = await buildUnit(ctx);
    const supervisorUser = await buildUser(ctx, { roles: ['supervisor'] });
    const liaisonA = actorOf(await buildUser(ctx, { roles: ['liaison'], unitId: unitA.id }));
    const liaisonB = actorOf(await buildUser(ctx, { roles: ['liaison'], unitId: unitB.id }));
    const supervisor = actorOf(supervisorUser);
    const taskA = await buildTask(ctx, { title: '健全养老服务体系 Elder Care', state: 'in_progress', leadUnitId: unitA.id, supervisorIds: [supervisorUser.id], cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2024-12-31' });
    await buildTask(ctx, { title: '扩大养老托育供给', state: 'in_progress', leadUnitId: unitB.id, programmeId: taskA.programmeId });
    // Factories write straight to the tables, so those tasks reach the index through the rebuild.
    const first = await rebuildSearchIndex(ctx.db);
    expect(first).toMatchObject({ tasks: 2, reports: 0, documents: 0 });

    // Written through the services: indexed in their own transactions.
    const text = '保障和改善民生。\n發展養老事業和養老產業。\n民生无小事。';
    const doc = await importDocument(ctx, supervisor, { bytes: Buffer.from(text), filename: '民生.txt', title: null });
    const edition = await importDocument(ctx, supervisor, { bytes: Buffer.from(convertToHant(text)), filename: '民生-繁.txt', title: null });
    await createReport(ctx, liaisonA, taskA.id, { periodKey: '2024-05', progress: 20, text: '养老驿站建成五处' });

    const q = (actor: typeof supervisor, query: string, extra: Record<string, unknown> = {}) => search(ctx, actor, { q: query, ...extra });
    const docs = await q(supervisor, '民生', { type: 'document' });
    expect(new Set(docs.items.map((i) => i.id))).toEqual(new Set([doc.document.id, edition.document.id]));
    expect(docs.total).toBe(4);
    expect((await q(supervisor, '養老')).total).toBe(5);
    // One character: a prefix of the bigrams it starts.
    expect((await q(supervisor, '养', { type: 'task' })).total).toBe(2);
    expect((await q(supervisor, 'elder care')).items.map((i) => i.id)).toEqual([taskA.id]);
    expect((await q(supervisor, 'care elder', { type: 'task' })).total).toBe(1);
    expect((await q(supervisor, '服务养老')).total).toBe(0);

    // Liaison B sees its own task but nothing of unit A's: not the task, not the report.
    const b = await q(liaisonB, '养老', { type: 'task' });
    expect(b.items.map((i) => i.title)).toEqual(['扩大养老托育供给']);
    expect((await q(liaisonB, '养老驿站')).total).toBe(0);
    const a = await q(liaisonA, '养老驿站');
    expect(a.items.map((i) => [i.type, i.taskId])).toEqual([['report', taskA.id]]);
    expect(a.items[0]!.snippet.slice(...a.items[0]!.highlights[0]!)).toBe('养老驿站');

    // A rebuild gives the same answers.
    const again = await rebuildSearchIndex(ctx.db);
    expect(again).toEqual({ documents: 2, paragraphs: 6, tasks: 2, reports: 1, findings: 0, relayRecords: 0 });
    expect((await q(supervisor, '養老')).total).toBe(5);
  });

  it('counts exactly up to 1,000 matches and says when there are more; pages newest first', async () => {
    const { ctx } = env;
    const supervisor = actorOf(await buildUser(ctx, { roles: ['supervisor'] }));
    const dialect = ctx.database.kind;
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      id: `document:${newId()}:${i}`, type: 'document', ref_id: newId(), part: i, task_id: null, title: '卷宗',
      body: `第${i}段：推进数字政府建设。`, tokens: fulltextValue(dialect, tokensOf(searchForm(`第${i}段：推进数字政府建设。`))), updated_at: new Date().toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 200) await ctx.db.insertInto('search_entries').values(rows.slice(i, i + 200)).execute();
    const many = await search(ctx, supervisor, { q: '数字政府', limit: 50 });
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    expect(many.items).toHaveLength(50);
    expect(new Set(many.items.map((i) => i.id)).size).toBe(50);
    const next = await search(ctx, supervisor, { q: '数字政府', limit: 50, offset: 50 });
    expect(next.items.some((i) => many.items.some((m) => m.id === i.id && m.part === i.part))).toBe(false);
    const few = await search(ctx, supervisor, { q: '第1000段' });
    expect(few).toMatchObject({ total: 1, totalCapped: false });
  });
});

describe('luoshi search reindex', () => {
  it('rebuilds the index of a data directory', async () => {
    const env = await createTestEnv('sqlite');
    try {
      await buildTask(env.ctx, { title: '推进民生实事' });
      const res = await runCli(['search', 'reindex', '--data', env.database.tmpDir]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^Indexed 0 documents \(0 paragraphs\), 1 tasks, 0 reports, 0 findings and 0 relay records in \d+\.\d s\.\n$/);
      const rows = await env.ctx.db.selectFrom('search_entries').select(['type', 'title']).execute();
      expect(rows).toEqual([{ type: 'task', title: '推进民生实事' }]);
    } finally {
      await env.close();
    }
  });
});
