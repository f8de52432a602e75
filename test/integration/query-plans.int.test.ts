/**
 * The hot queries use their indexes: each query is taken from the real repository function (captured as Kysely
 * compiles it, never copied), then EXPLAINed over a few thousand generated rows with fresh statistics. On SQLite no
 * query reads all of tasks or reports (`SCAN tasks`), and the ledger's default sort needs no temporary B-tree; on
 * PostgreSQL, with sequential scans disabled, every query on tasks and reports still finds an index to use.
 */
import { CompiledQuery, sql, type Kysely, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStats } from '../../src/server/modules/stats/index.ts';
import { listTasks } from '../../src/server/modules/tasks/index.ts';
import { findTaskWithSupervisors, healthInputsOf, reportFacts, tasksWithHealthDue } from '../../src/server/modules/tasks/tasks.repository.ts';
import { findReportAndLock } from '../../src/server/modules/reports/reports.repository.ts';
import { reportStatesOfTasks } from '../../src/server/modules/reports/index.ts';
import { encodeCursor } from '../../src/server/modules/inbox/inbox.repository.ts';
import { getInbox, getInboxList } from '../../src/server/modules/inbox/inbox.service.ts';
import { loadSweepPage } from '../../src/server/modules/notices/read-model.ts';
import { resolveReminderConfig } from '../../src/server/modules/notices/index.ts';
import { buildPublicContent, publicStateKey } from '../../src/server/modules/publication/index.ts';
import { systemActor, type Actor } from '../../src/server/platform/auth/actor.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { optimizeDatabase } from '../../src/server/platform/db/database.ts';
import type { DB } from '../../src/server/platform/db/schema.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildUnit, buildUser } from '../support/factories.ts';
import { generatePlanData, type PlanData } from '../support/plan-data.ts';

/** Runs `fn` against a handle that records every query it sends, and returns them compiled. */
async function captureQueries(db: Kysely<DB>, fn: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.push(args.node);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await fn(db.withPlugin(recorder));
  return nodes.map((node) => db.getExecutor().compileQuery(node, { queryId: 'plan' }));
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgNode[];
}

interface HotQuery {
  name: string;
  run: (ctx: AppContext) => Promise<unknown>;
  /** The ledger's default sort: no temporary B-tree for ORDER BY. */
  sortedByIndex?: boolean;
  /** A SQLite SCAN of tasks this query may do: an ordered walk of this index, stopped by LIMIT. */
  orderedWalk?: string;
}

describe.each(DIALECTS)('query plans on %s', (dialect) => {
  let env: TestEnv;
  let data: PlanData;
  let supervisor: Actor;
  let liaison: Actor;
  const now = new Date('2024-06-15T02:00:00Z');

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(now) });
    const units = [];
    for (let i = 0; i < 30; i++) units.push((await buildUnit(env.ctx)).id);
    const sup = await buildUser(env.ctx, { roles: ['supervisor'] });
    const lia = await buildUser(env.ctx, { roles: ['liaison'], unitId: units[3] });
    supervisor = actorOf(sup);
    liaison = actorOf(lia);
    data = await generatePlanData(env.ctx.db, { unitIds: units, supervisorId: sup.id, authorId: lia.id, programmes: 4, tasks: 4000 });
    await optimizeDatabase(env.ctx.database, true);
  }, 180_000);
  afterAll(async () => env.close());

  const hot = (): HotQuery[] => [
    { name: 'ledger default page (one programme)', sortedByIndex: true, run: (ctx) => listTasks(ctx, systemActor('plan'), { programmeId: data.programmeIds[1], limit: 100, offset: 100 }) },
    { name: 'ledger default page (all programmes)', sortedByIndex: true, orderedWalk: 'tasks_ledger_all_idx', run: (ctx) => listTasks(ctx, systemActor('plan'), { limit: 100, offset: 100 }) },
    { name: 'ledger unit filter', run: (ctx) => listTasks(ctx, systemActor('plan'), { programmeId: data.programmeIds[0], unitId: data.unitIds[5], limit: 100, offset: 0 }) },
    { name: 'ledger liaison scope', run: (ctx) => listTasks(ctx, liaison, { limit: 100, offset: 0 }) },
    { name: 'ledger supervisor scope', run: (ctx) => listTasks(ctx, supervisor, { programmeId: data.programmeIds[0], limit: 100, offset: 0 }) },
    // Every list's first page and all the counts, as the inbox route runs them.
    { name: 'inbox of a liaison', run: (ctx) => getInbox(ctx, liaison) },
    { name: 'inbox of a supervisor', run: (ctx) => getInbox(ctx, supervisor) },
    // The next pages, after a keyset cursor.
    { name: 'inbox next page: to sign', run: (ctx) => getInboxList(ctx, liaison, 'toSign', { after: encodeCursor(['2024-05-01', '2024-03-01T00:00:00.000Z', data.taskIds[9]!]) }) },
    { name: 'inbox next page: returned', run: (ctx) => getInboxList(ctx, liaison, 'returned', { after: encodeCursor(['2024-03-02T00:00:00.000Z', data.taskIds[9]!]) }) },
    { name: 'inbox next page: overdue', run: (ctx) => getInboxList(ctx, liaison, 'overdue', { after: encodeCursor(['2024-02-01', data.taskIds[9]!]) }) },
    { name: 'inbox next page: instructions', run: (ctx) => getInboxList(ctx, liaison, 'instructions', { after: encodeCursor(['2024-03-02T00:00:00.000Z', data.taskIds[9]!]) }) },
    { name: 'inbox next page: to review', run: (ctx) => getInboxList(ctx, supervisor, 'reports', { after: encodeCursor(['2024-03-02T00:00:00.000Z', data.taskIds[9]!]) }) },
    { name: 'inbox next page: completion requests', run: (ctx) => getInboxList(ctx, supervisor, 'completionRequests', { after: encodeCursor(['2024-05-01', '2024-03-01T00:00:00.000Z', data.taskIds[9]!]) }) },
    { name: 'inbox next page: extension requests', run: (ctx) => getInboxList(ctx, supervisor, 'extensionRequests', { after: encodeCursor(['2024-05-01', '2024-03-01T00:00:00.000Z', data.taskIds[9]!]) }) },
    { name: 'sweep page', run: (ctx) => loadSweepPage(ctx.db, { state: 'in_progress', afterId: data.taskIds[500]! }, 200, (_id, stored) => resolveReminderConfig(stored).config, { reportStatesOfTasks }) },
    { name: 'health due', run: (ctx) => tasksWithHealthDue(ctx.db, now, 200) },
    { name: 'health inputs', run: (ctx) => healthInputsOf(ctx.db, data.taskIds.slice(100, 110)) },
    // A submission's two reads: the task with its supervisors and health inputs, the report with all it carries.
    { name: 'task for a submission', run: (ctx) => findTaskWithSupervisors(ctx.db, data.taskIds[123]!, { healthInputs: true }) },
    {
      name: 'report for a submission',
      run: async (ctx) => {
        const r = await ctx.db.selectFrom('reports').select('id').where('task_id', '=', data.taskIds[123]!).executeTakeFirst();
        return findReportAndLock(ctx.db, r?.id ?? 'none', { evidence: true, reminders: true });
      },
    },
    { name: 'reportFacts', run: (ctx) => reportFacts(ctx.db, data.taskIds[123]!, data.unitIds[0]!) },
    { name: 'public programme content', run: (ctx) => buildPublicContent(ctx.db, { id: data.programmeIds[1]!, title: 'p', description: null, updatedAt: now.toISOString(), publishedAt: null }) },
    { name: 'public state key', run: (ctx) => publicStateKey(ctx.db, data.programmeIds[1]!) },
    // Every query of a dashboard computed afresh (a new context has an empty result cache).
    { name: 'dashboards of one programme (supervisor)', run: (ctx) => getStats(ctx, supervisor, { programmeId: data.programmeIds[0] }) },
  ];

  /** SQLite: the EXPLAIN QUERY PLAN lines. PostgreSQL: one line per scan of a table, `<node> on <table> [cond]`. */
  async function plan(q: CompiledQuery): Promise<string[]> {
    if (env.ctx.database.kind === 'sqlite') {
      const r = await env.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      return r.rows.map((x) => x.detail);
    }
    // Without sequential scans, hash or merge joins the planner would still read a whole table through an index;
    // with them off, what is left shows whether an index can serve each access.
    return env.ctx.db.connection().execute(async (c) => {
      await sql`set enable_seqscan = off`.execute(c);
      await sql`set enable_hashjoin = off`.execute(c);
      await sql`set enable_mergejoin = off`.execute(c);
      try {
        const r = await c.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]));
        const raw = r.rows[0]!['QUERY PLAN'];
        const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PgNode }>;
        const lines: string[] = [];
        const walk = (n: PgNode, underLimit: boolean) => {
          if (n['Relation Name']) lines.push(`${n['Node Type']} on ${n['Relation Name']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Index Cond'] || n['Node Type'] === 'Bitmap Heap Scan' ? ' [cond]' : underLimit ? ' [limit]' : ''}`);
          for (const child of n.Plans ?? []) walk(child, underLimit || n['Node Type'] === 'Limit');
        };
        walk(doc[0]!.Plan, false);
        return lines;
      } finally {
        await sql`reset enable_seqscan`.execute(c);
        await sql`reset enable_hashjoin`.execute(c);
        await sql`reset enable_mergejoin`.execute(c);
      }
    });
  }

  it('uses an index for every hot query', async () => {
    const problems: string[] = [];
    for (const h of hot()) {
      const queries = await captureQueries(env.ctx.db, (db) => h.run({ ...env.ctx, db }));
      expect(queries.length, h.name).toBeGreaterThan(0);
      for (const q of queries) {
        const lines = await plan(q);
        const bad =
          env.ctx.database.kind === 'sqlite'
            ? lines.filter((l) => /^SCAN (tasks|reports|task_units|task_co_units)\b/.test(l) && !(h.orderedWalk && l.includes(`USING INDEX ${h.orderedWalk}`) && /limit/i.test(q.sql)) && !(/count\(\*\)/i.test(q.sql) && /COVERING INDEX/.test(l)))
            : lines.filter((l) => / on (tasks|reports|task_units|task_co_units)\b/.test(l) && !l.endsWith('[cond]') && !(h.orderedWalk && l.includes(`using ${h.orderedWalk}`) && l.endsWith('[limit]')) && !(/count\(\*\)/i.test(q.sql) && /^Index Only Scan/.test(l)));
        if (h.sortedByIndex && /limit/i.test(q.sql) && lines.some((l) => /TEMP B-TREE FOR ORDER BY|^\s*(->\s*)?Sort\b/.test(l)) && env.ctx.database.kind === 'sqlite') bad.push('sorts in a temporary B-tree');
        if (process.env.PLAN_DEBUG) console.log(`## ${h.name}\n${q.sql}\n  ${lines.join("\n  ")}`);
        if (bad.length) problems.push(`${h.name}: ${bad.join('; ')}\n    ${q.sql}\n    ${lines.join('\n    ')}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  }, 120_000);
});
