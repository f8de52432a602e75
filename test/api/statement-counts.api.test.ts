/**
 * How many SQL statements a request sends, counted by a Kysely plugin on the application's own handle: the whole
 * request, the session lookup included. A write answers with what it already holds instead of re-reading it through
 * the read path, the notifier and the health roll-up take the task the write loaded, and no table is read twice for
 * the same thing; a ledger page costs the same number of statements whether it shows 10 rows or 50.
 *
 * Issue 9.5 asks for at most 12 statements per submission; this holds the count reached (45 → 30 → 21 → 12; creation
 * 24 → 16 → 12 → 11) on both dialects so it cannot grow back. The session, its user and the user's roles are one
 * statement; a report comes with its period's lock, its events and (for a submission) its evidence; a task with its
 * co-units, its programme's supervisors and (for a submission) the health roll-up's inputs (thresholds, children,
 * milestones, report facts), which the submission brings up to date itself; the notice's insert answers its webhooks;
 * the submission's and its notice's audit events are one append (claim, insert, head: 3); the notices it settles are
 * marked read without being read first, and not at all when the report, read with whether they have an unread copy,
 * says none has; the search index takes the report as written. What remains: the session (1),
 * the report and the task (2), the report, its counters and event (3), the notice and its in-app copies (2), the audit
 * append (3) and the task's light (1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { StatementCounter } from '../support/statement-counter.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';

const NOW = new Date('2024-05-10T02:00:00.000Z');
const SUBMIT_MAX = 12;
const CREATE_MAX = 11;

describe.each(DIALECTS)('statements per request (API, %s)', (dialect) => {
  let t: TestApp;
  const counter = new StatementCounter();
  let supervisor: SignedIn;
  let lead: SignedIn;
  let leadUnit: string;
  let coUnit: string;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new TestClock(NOW), plugins: [counter] });
    leadUnit = (await buildUnit(t.ctx)).id;
    coUnit = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    const second = await buildUser(t.ctx, { roles: ['supervisor'] });
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    const first = await buildTask(t.ctx, {
      supervisorIds: [supervisor.user.id, second.id], state: 'signed', leadUnitId: leadUnit, coUnitIds: [coUnit],
      cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2030-12-31',
    });
    programmeId = first.programmeId;
    for (let i = 0; i < 59; i++) await buildTask(t.ctx, { programmeId, state: 'assigned', leadUnitId: leadUnit, coUnitIds: [coUnit], dueDate: '2030-12-31' });
  });
  afterAll(async () => t.close());

  // The statements of the last request, for the failure message.
  const ran = () => counter.statements(t.ctx.db).map((s, i) => `${i + 1}. ${s.slice(0, 160)}`).join('\n');

  async function newTask(): Promise<string> {
    return (await buildTask(t.ctx, {
      programmeId, state: 'signed', leadUnitId: leadUnit, coUnitIds: [coUnit], cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2030-12-31',
    })).id;
  }

  it(`creates a report in at most ${CREATE_MAX} statements`, async () => {
    const taskId = await newTask();
    const { result: res, count } = await counter.measure(() =>
      t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: lead.headers, payload: { periodKey: '2024-04', progress: 40, text: '完成项目前期工作。' } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(answer('POST /api/v1/tasks/:id/reports', res).state).toBe('draft');
    expect(count, ran()).toBeLessThanOrEqual(CREATE_MAX);
  });

  it(`submits a report in at most ${SUBMIT_MAX} statements`, async () => {
    const taskId = await newTask();
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: lead.headers, payload: { periodKey: '2024-04', progress: 40, text: '完成项目前期工作。' } });
    const report = answer('POST /api/v1/tasks/:id/reports', created);
    const { result: res, count } = await counter.measure(() =>
      t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/submit`, headers: lead.headers, payload: { version: report.version } }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(answer('POST /api/v1/reports/:id/submit', res)).toMatchObject({ state: 'submitted', late: true });
    expect(count, ran()).toBeLessThanOrEqual(SUBMIT_MAX);
    // The task, its co-units, the programme's supervisors and the report's events are each read once.
    const reads = counter.statements(t.ctx.db).filter((q) => q.startsWith('select'));
    expect(reads.filter((q, i) => reads.indexOf(q) !== i), ran()).toEqual([]);
    // The submission's and the notice's audit events, written in one append, link like two appends.
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  });

  it('reads a ledger page of 50 rows in as many statements as a page of 10', async () => {
    const page = (limit: number) => counter.measure(() => t.app.inject({ method: 'GET', url: `/api/v1/tasks?programmeId=${programmeId}&limit=${limit}`, headers: supervisor.headers }));
    const ten = await page(10);
    expect(ten.result.statusCode).toBe(200);
    expect(answer('GET /api/v1/tasks', ten.result).items).toHaveLength(10);
    const ofTen = ran();
    const fifty = await page(50);
    expect(answer('GET /api/v1/tasks', fifty.result).items).toHaveLength(50);
    expect(fifty.count, `10 rows:\n${ofTen}\n50 rows:\n${ran()}`).toBe(ten.count);
  });
});
