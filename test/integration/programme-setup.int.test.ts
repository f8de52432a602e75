/** Publish-and-assign and the all-or-nothing bulk actions, on both databases (savepoints behave alike). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkRefused, runBulkAction } from '../../src/server/modules/bulk/index.ts';
import { importDocument } from '../../src/server/modules/documents/index.ts';
import { createDraft, editDraft, publishDraft } from '../../src/server/modules/drafts/index.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

const REFERENCE = readFileSync(resolve(import.meta.dirname, '../../demo/wuhan-plenary-communique-2023-12-28.txt'));

describe.each(DIALECTS)('setting up a programme on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-01-08T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  it('publishes a draft and assigns its tasks in one transaction', async () => {
    const sup = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    const unit = await buildUnit(env.ctx);
    const { document } = await importDocument(env.ctx, sup, { bytes: REFERENCE, filename: 'reference.txt' });
    let view = await createDraft(env.ctx, sup, document.id, {});
    const tasks: Array<{ id: string; title: string }> = [];
    const walk = (nodes: typeof view.draft.tree) => nodes.forEach((n) => {
      if (n.included && n.kind === 'task') tasks.push(n);
      walk(n.children);
    });
    walk(view.draft.tree);
    const [first, second, third] = tasks;
    view = await editDraft(env.ctx, sup, view.draft.id, {
      version: view.draft.version,
      operations: [
        { op: 'update', ids: [first!.id, second!.id], leadUnitId: unit.id, dueDate: '2024-12-31' },
        { op: 'update', ids: [third!.id], leadUnitId: unit.id },
      ],
    });
    const result = await publishDraft(env.ctx, sup, view.draft.id, { version: view.draft.version, assign: true });
    expect(result.assigned.map((a) => a.title)).toEqual([first!.title, second!.title]);
    expect(result.skipped).toContainEqual(expect.objectContaining({ title: third!.title, code: 'no_due_date' }));
    const assigned = await env.ctx.db.selectFrom('tasks').select(['state', 'assigned_at']).where('id', 'in', result.assigned.map((a) => a.taskId)).execute();
    expect(assigned.every((r) => r.state === 'assigned' && r.assigned_at)).toBe(true);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('bulk-assigns all or nothing, checking every row', async () => {
    const supUser = await buildUser(env.ctx, { roles: ['supervisor'] });
    const sup = actorOf(supUser);
    const unit = await buildUnit(env.ctx);
    const a = await buildTask(env.ctx, { supervisorIds: [supUser.id], leadUnitId: null, dueDate: '2024-06-30' });
    const b = await buildTask(env.ctx, { programmeId: a.programmeId, leadUnitId: null, dueDate: '2024-06-30' });
    const done = await buildTask(env.ctx, { programmeId: a.programmeId, state: 'closed' });

    const refusal = await runBulkAction(env.ctx, sup, { action: 'assign', taskIds: [a.id, done.id, b.id], leadUnitId: unit.id }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BulkRefused);
    expect((refusal as BulkRefused).results.map((r) => r.ok)).toEqual([true, false, true]);
    const untouched = await env.ctx.db.selectFrom('tasks').select('state').where('id', 'in', [a.id, b.id]).execute();
    expect(untouched.map((r) => r.state)).toEqual(['draft', 'draft']);
    const noAudit = await env.ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'task.assigned').where('object_id', 'in', [a.id, b.id]).execute();
    expect(noAudit).toHaveLength(0);

    const results = await runBulkAction(env.ctx, sup, { action: 'assign', taskIds: [a.id, b.id], leadUnitId: unit.id });
    expect(results.every((r) => r.ok)).toBe(true);
    const audit = await env.ctx.db.selectFrom('audit_events').select('object_id').where('action', '=', 'task.assigned').where('object_id', 'in', [a.id, b.id]).execute();
    expect(audit).toHaveLength(2);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
