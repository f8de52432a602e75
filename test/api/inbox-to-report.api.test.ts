/**
 * The liaison's "to report" list (待报送) longer than a page: ordered by the earliest owed deadline, then task; the
 * first page of the inbox, the pages of GET /api/v1/inbox/toReport and one long page agree item for item, and the
 * owed periods of an item are the same whichever page carries it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxReportDue } from '../../src/contract/inbox.ts';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


const NOW = new Date('2024-09-10T02:00:00.000Z');
const TASKS = 61;

describe('the to-report list across pages (API)', () => {
  let t: TestApp;
  let liaison: SignedIn;
  let unitId: string;
  let submittedTask: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(NOW) });
    unitId = (await buildUnit(t.ctx)).id;
    const other = (await buildUnit(t.ctx)).id;
    const supervisor = await buildUser(t.ctx, { roles: ['supervisor'] });
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId }));
    let programmeId: string | undefined;
    // Signed in different months, so the earliest owed period differs; every fifth task has the unit as co-unit.
    for (let i = 0; i < TASKS; i++) {
      const lead = i % 5 === 0 ? other : unitId;
      const task = await buildTask(t.ctx, {
        ...(programmeId ? { programmeId } : { supervisorIds: [supervisor.id] }),
        state: 'signed', leadUnitId: lead, coUnitIds: lead === other ? [unitId] : [], cadence: { kind: 'monthly' },
        signedAt: `2024-0${1 + (i % 7)}-15T02:00:00.000Z`, dueDate: '2025-12-31',
      });
      programmeId = task.programmeId;
      if (i === 3) submittedTask = task.id;
    }
    // The unit reported April on one task (signed in April): its earliest owed period moves to May.
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${submittedTask}/reports`, headers: liaison.headers, payload: { periodKey: '2024-04', progress: 10, text: '四月进展' } });
    expect(created.statusCode, created.body).toBe(201);
    const report = answer('POST /api/v1/tasks/:id/reports', created);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/submit`, headers: liaison.headers, payload: { version: report.version } })).statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => t.close());

  const page = async (query: string): Promise<{ items: InboxReportDue[]; next: string | null }> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/inbox/toReport${query}`, headers: liaison.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = answer('GET /api/v1/inbox/:list', res);
    // The contract's items are the union of every list's; this list holds reports due.
    return { items: body.items as InboxReportDue[], next: body.next };
  };

  it('pages through the whole list in the order of one long page, each item whole', async () => {
    const box = answer('GET /api/v1/inbox', await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: liaison.headers })).toReport;
    expect(box.total).toBe(TASKS);
    expect(box.items).toHaveLength(50);
    expect(box.next).toEqual(expect.any(String));

    const whole = await page('?limit=200');
    expect(whole.next).toBeNull();
    expect(whole.items).toHaveLength(TASKS);
    // Earliest owed deadline first, then task id.
    const keys = whole.items.map((d) => [d.periods[0]!.dueDate, d.task.id] as const);
    expect([...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))).toEqual(keys);
    expect(box.items).toEqual(whole.items.slice(0, 50));

    const walked: InboxReportDue[] = [];
    let after: string | null = null;
    do {
      const p: { items: InboxReportDue[]; next: string | null } = await page(`?limit=7${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(7);
      walked.push(...p.items);
      after = p.next;
    } while (after);
    expect(walked).toEqual(whole.items);
    // The inbox's own cursor continues where its first page stopped.
    expect([...box.items, ...(await page(`?limit=200&after=${encodeURIComponent(box.next!)}`)).items]).toEqual(whole.items);

    // The April report is no longer owed; a task signed in April without one still owes April onwards (September, begun, is listed not yet overdue).
    const reported = whole.items.find((d) => d.task.id === submittedTask)!;
    expect(reported.periods.map((p) => p.key)).toEqual(['2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
    expect(whole.items.every((d) => d.unitId === unitId && d.periods.length > 0)).toBe(true);
  });
});
