import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxReportDue, InboxReportItem, InboxTaskItem } from '../../src/contract/inbox.ts';
import { answer, createTestApp, json, TestClock, type TestApp } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { getInbox } from '../../src/server/modules/inbox/inbox.service.ts';

const SIGNED_AT = '2024-03-10T02:00:00.000Z';

describe('工作台 inbox (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  /** Supervisor of the programme and liaison of unit A: never asked to review what they wrote. */
  let dual: SignedIn;
  let liaisonA: SignedIn;
  let liaisonB: SignedIn;
  let liaisonC: SignedIn;
  let leader: SignedIn;
  let otherLeader: SignedIn;
  let unitA: string;
  let unitB: string;
  let unitC: string;
  let programmeId: string;
  const ids: Record<string, string> = {};

  const inbox = async (who: SignedIn) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: who.headers });
    expect(res.statusCode).toBe(200);
    return answer('GET /api/v1/inbox', res);
  };
  const post = (who: SignedIn, url: string, payload: Record<string, unknown> = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  /** A next page of one list, its items of the kind that list holds (the contract's answer is their union). */
  const pageOf = <T>(res: Awaited<ReturnType<typeof post>>) => {
    const page = answer('GET /api/v1/inbox/:list', res);
    return { ...page, items: page.items as T[] };
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    unitA = (await buildUnit(t.ctx)).id;
    unitB = (await buildUnit(t.ctx)).id;
    unitC = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    otherSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    dual = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor', 'liaison'], unitId: unitA }));
    liaisonA = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitA }));
    liaisonB = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitB }));
    liaisonC = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitC }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    otherLeader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));

    const first = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id, dual.user.id], title: '待签收任务', state: 'assigned', leadUnitId: unitA, coUnitIds: [unitB], dueDate: '2024-12-31' });
    programmeId = first.programmeId;
    ids.toSign = first.id;
    const task = (title: string, extra: Parameters<typeof buildTask>[1]) => buildTask(t.ctx, { programmeId, title, leadUnitId: unitA, dueDate: '2024-12-31', ...extra }).then((b) => b.id);
    ids.reporting = await task('按月报告的任务', { state: 'signed', coUnitIds: [unitB], cadence: { kind: 'monthly' }, signedAt: SIGNED_AT });
    ids.returned = await task('被退回的任务', { state: 'in_progress', cadence: { kind: 'quarterly' }, signedAt: '2024-04-20T02:00:00.000Z' });
    ids.overdue = await task('逾期任务', { state: 'in_progress', dueDate: '2024-05-01' });
    ids.completion = await task('申请办结的任务', { state: 'completion_requested' });
    ids.reassign = await task('申请调整的任务', { state: 'reassign_requested' });
    ids.extension = await task('申请延期的任务', { state: 'signed' });
    await t.ctx.db.updateTable('tasks').set({ pending_extension_json: JSON.stringify({ newDueDate: '2025-03-31', requestedBy: liaisonA.user.id, reason: '汛期' }) }).where('id', '=', ids.extension).execute();
    ids.closedOverdue = await task('已销号的逾期任务', { state: 'closed', dueDate: '2024-04-01' });
    ids.elsewhere = (await buildTask(t.ctx, { supervisorIds: [otherSupervisor.user.id], title: '别的方案', state: 'assigned', leadUnitId: unitC, dueDate: '2024-05-01' })).id;

    // Unit A files March on the monthly task; the reviewer's copy waits in the supervisor's inbox.
    const march = answer('POST /api/v1/tasks/:id/reports', await post(liaisonA, `/api/v1/tasks/${ids.reporting}/reports`, { periodKey: '2024-03', progress: 20, text: '三月进展' }));
    await post(liaisonA, `/api/v1/reports/${march.id}/submit`);
    ids.march = march.id;
    // The dual user writes April for unit A: other supervisors review it, the dual user does not.
    const april = answer('POST /api/v1/tasks/:id/reports', await post(dual, `/api/v1/tasks/${ids.reporting}/reports`, { periodKey: '2024-04', progress: 30, text: '四月进展' }));
    await post(dual, `/api/v1/reports/${april.id}/submit`);
    ids.april = april.id;
    // A quarterly report sent back for rework.
    const q2 = answer('POST /api/v1/tasks/:id/reports', await post(liaisonA, `/api/v1/tasks/${ids.returned}/reports`, { periodKey: '2024-Q2', progress: 10, text: '二季度' }));
    await post(liaisonA, `/api/v1/reports/${q2.id}/submit`);
    await post(supervisor, `/api/v1/reports/${q2.id}/return`, { reason: '缺佐证材料' });
    ids.q2 = q2.id;
    const instruction = await post(leader, `/api/v1/tasks/${ids.reporting}/instructions`, { text: '每月按时报送' });
    ids.instruction = answer('POST /api/v1/tasks/:id/instructions', instruction).id;
  });
  afterAll(async () => t.close());

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/inbox' })).statusCode).toBe(401);
  });

  it('gives the lead unit’s liaison what to sign, what to report, what came back, and what is overdue', async () => {
    const box = await inbox(liaisonA);
    expect(box.toSign.items.map((x) => x.id)).toEqual([ids.toSign]);
    const reporting = box.toReport.items.find((x) => x.task.id === ids.reporting);
    expect(reporting?.periods.map((p) => [p.key, p.state, p.overdue])).toEqual([['2024-05', 'missing', false]]);
    expect(box.toReport.items.find((x) => x.task.id === ids.returned)?.periods).toEqual([expect.objectContaining({ key: '2024-Q2', state: 'returned', reportId: ids.q2 })]);
    expect(box.returned.items).toEqual([expect.objectContaining({ id: ids.q2, taskId: ids.returned, returnReason: '缺佐证材料' })]);
    expect(box.overdue.items.map((x) => x.id)).toEqual([ids.overdue]);
    expect(box.toReview).toMatchObject({ total: 0, reports: { total: 0 } });
    expect(box.instructions.items.map((x) => x.id)).toEqual([ids.instruction]);
    expect(box.counts).toMatchObject({ toSign: 1, returned: 1, overdue: 1, toReview: 0, instructions: 1 });
  });

  it('gives a co-unit’s liaison its own part only: nothing to sign, its own periods to report', async () => {
    const box = await inbox(liaisonB);
    expect(box.toSign.total).toBe(0);
    expect(box.toReport.items.map((x) => [x.task.id, x.unitId, x.periods.map((p) => [p.key, p.overdue])])).toEqual([
      [ids.reporting, unitB, [['2024-03', true], ['2024-04', true], ['2024-05', false]]],
    ]);
    expect(box.returned.total).toBe(0);
    expect(box.overdue.total).toBe(0);
    expect(box.instructions.items.map((x) => x.id)).toEqual([ids.instruction]);
  });

  it('gives a supervisor what waits for review in their programmes, never what they wrote', async () => {
    const box = await inbox(supervisor);
    expect(box.toReview.reports.items.map((r) => r.id)).toEqual([ids.march, ids.april]);
    expect(box.toReview.completionRequests.items.map((x) => x.id)).toEqual([ids.completion]);
    expect(box.toReview.reassignRequests.items.map((x) => x.id)).toEqual([ids.reassign]);
    expect(box.toReview.extensionRequests.items.map((x) => x.id)).toEqual([ids.extension]);
    expect(box.toReview.total).toBe(5);
    expect(box.overdue.items.map((x) => x.id)).toEqual([ids.overdue]);
    expect(box.toSign.total + box.toReport.total + box.returned.total).toBe(0);
    expect(box.instructions.total).toBe(1);

    const mine = await inbox(dual);
    expect(mine.toReview.reports.items.map((r) => r.id)).toEqual([ids.march]);

    const stranger = await inbox(otherSupervisor);
    expect(stranger.toReview.total).toBe(0);
    expect(stranger.overdue.items.map((x) => x.id)).toEqual([ids.elsewhere]);
    expect(stranger.instructions.total).toBe(0);
  });

  it('shows a leader the instructions they gave, and every overdue task', async () => {
    const box = await inbox(leader);
    expect(box.instructions.items).toEqual([expect.objectContaining({ id: ids.instruction, taskId: ids.reporting, text: '每月按时报送' })]);
    expect(box.overdue.items.map((x) => x.id).sort()).toEqual([ids.overdue, ids.elsewhere].sort());
    expect((await inbox(otherLeader)).instructions.total).toBe(0);
  });

  it('caps each list and still counts everything', async () => {
    for (let i = 0; i < 55; i++) await buildTask(t.ctx, { programmeId, state: 'assigned', leadUnitId: unitC, dueDate: '2024-12-31' });
    const box = await inbox(liaisonC);
    expect(box.toSign.total).toBe(56);
    expect(box.toSign.items).toHaveLength(50);
    expect(box.counts.toSign).toBe(56);
    expect(box.toSign.totalCapped).toBe(false);
  });

  it('stops counting at the cap and says so, the page itself unchanged', async () => {
    const full = await getInbox(t.ctx, actorOf(liaisonC.user));
    const capped = await getInbox(t.ctx, actorOf(liaisonC.user), { countCap: 20 });
    expect(full.toSign).toMatchObject({ total: 56, totalCapped: false });
    expect(capped.toSign).toMatchObject({ total: 20, totalCapped: true });
    expect(capped.toSign.items).toEqual(full.toSign.items);
    // A list shorter than the cap is counted exactly.
    const exact = await getInbox(t.ctx, actorOf(liaisonC.user), { countCap: 56 });
    expect(exact.toSign).toMatchObject({ total: 56, totalCapped: false });
  });

  describe('the next pages of a list (GET /api/v1/inbox/:list)', () => {
    const list = (who: SignedIn, name: string, query = '') => t.app.inject({ method: 'GET', url: `/api/v1/inbox/${name}${query}`, headers: who.headers });

    it('answers 401 without a session, 400 for an unknown list, a bad limit or a cursor this list did not make', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/inbox/toSign' })).statusCode).toBe(401);
      expect((await list(liaisonC, 'everything')).statusCode).toBe(400);
      expect((await list(liaisonC, 'toSign', '?limit=0')).statusCode).toBe(400);
      const garbage = await list(liaisonC, 'toSign', '?after=not-a-cursor');
      expect(garbage.statusCode).toBe(400);
      expect(json<{ error: { code: string } }>(garbage).error.code).toBe('invalid_cursor');
      // A cursor of the two-key report order is refused by the three-key task order.
      const reportCursor = Buffer.from(JSON.stringify(['2024-05-01T00:00:00.000Z', ids.q2])).toString('base64url');
      expect((await list(liaisonC, 'toSign', `?after=${reportCursor}`)).statusCode).toBe(400);
    });

    it('walks a list page by page in the first page’s order, without repeats, to the end', async () => {
      const box = await inbox(liaisonC);
      expect(box.toSign.next).toEqual(expect.any(String));
      const seen = box.toSign.items.map((x) => x.id);
      let next: string | null = box.toSign.next;
      while (next) {
        const res = await list(liaisonC, 'toSign', `?limit=4&after=${encodeURIComponent(next)}`);
        expect(res.statusCode).toBe(200);
        const page = pageOf<InboxTaskItem>(res);
        expect(page.list).toBe('toSign');
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items.map((x) => x.id));
        next = page.next;
      }
      expect(seen).toHaveLength(box.toSign.total);
      expect(new Set(seen).size).toBe(seen.length);
      // From the start in pages of 7: the same order as one long page would have.
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const page: { items: InboxTaskItem[]; next: string | null } = pageOf<InboxTaskItem>(await list(liaisonC, 'toSign', `?limit=7${after ? `&after=${encodeURIComponent(after)}` : ''}`));
        walked.push(...page.items.map((x) => x.id));
        after = page.next;
      } while (after);
      expect(walked).toEqual(seen);
    });

    it('pages the other lists too, and gives a list the caller does not have as empty', async () => {
      const review = pageOf<InboxReportItem>(await list(supervisor, 'reports', '?limit=1'));
      expect(review.items.map((r) => r.id)).toEqual([ids.march]);
      const rest = pageOf<InboxReportItem>(await list(supervisor, 'reports', `?limit=1&after=${encodeURIComponent(review.next!)}`));
      expect(rest).toEqual({ list: 'reports', items: [expect.objectContaining({ id: ids.april })], next: null });
      const due = pageOf<InboxReportDue>(await list(liaisonA, 'toReport', '?limit=1'));
      expect(due.items).toHaveLength(1);
      const dueRest = pageOf<InboxReportDue>(await list(liaisonA, 'toReport', `?after=${encodeURIComponent(due.next!)}`));
      expect([...due.items, ...dueRest.items].map((d) => d.task.id).sort()).toEqual([ids.reporting, ids.returned].sort());
      expect(answer('GET /api/v1/inbox/:list', await list(supervisor, 'toSign')).items).toEqual([]);
    });
  });
});
