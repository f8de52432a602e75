import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, signedInUser, type SignedIn } from '../support/factories.ts';

// The ledger counts once per filter: on the first page (or when asked), not on every page it scrolls through.
describe('ledger paging (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let liaison: SignedIn;
  let programmeId: string;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    unitId = (await buildUnit(t.ctx)).id;
    supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
    liaison = await signedInUser(t.app, t.ctx, ['liaison'], { unitId });
    const first = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], state: 'assigned', leadUnitId: unitId, dueDate: '2030-12-31' });
    programmeId = first.programmeId;
    const other = (await buildUnit(t.ctx)).id;
    // 11 tasks: 6 led by the liaison's unit, 2 where it is only a co-unit, 3 of another unit.
    for (let i = 0; i < 5; i++) await buildTask(t.ctx, { programmeId, state: 'assigned', leadUnitId: unitId, dueDate: '2030-12-31' });
    for (let i = 0; i < 2; i++) await buildTask(t.ctx, { programmeId, state: 'assigned', leadUnitId: other, coUnitIds: [unitId], dueDate: '2030-12-31' });
    for (let i = 0; i < 3; i++) await buildTask(t.ctx, { programmeId, state: 'assigned', leadUnitId: other, dueDate: '2030-12-31' });
  });
  afterAll(async () => t.close());

  const ledger = async (who: SignedIn, query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/tasks?programmeId=${programmeId}&${query}`, headers: who.headers });
    return { status: res.statusCode, body: res.statusCode === 200 ? answer('GET /api/v1/tasks', res) : null };
  };

  it('refuses a withTotal that is not a boolean', async () => {
    expect((await ledger(supervisor, 'withTotal=maybe')).status).toBe(400);
  });

  it('counts on the first page only, says whether more follow, and counts later pages when asked', async () => {
    const first = await ledger(supervisor, 'limit=4');
    expect(first.body).toMatchObject({ total: 11, hasMore: true });
    expect(first.body!.items).toHaveLength(4);
    const second = await ledger(supervisor, 'limit=4&offset=4');
    expect(second.body!.total).toBeUndefined();
    expect(second.body!.hasMore).toBe(true);
    const last = await ledger(supervisor, 'limit=4&offset=8');
    expect(last.body).toMatchObject({ hasMore: false });
    expect(last.body!.items).toHaveLength(3);
    expect((await ledger(supervisor, 'limit=4&offset=8&withTotal=true')).body!.total).toBe(11);
    expect((await ledger(supervisor, 'limit=4&withTotal=false')).body!.total).toBeUndefined();
    const all = [...first.body!.items, ...second.body!.items, ...last.body!.items].map((x) => x.id);
    expect(new Set(all).size).toBe(11);
  });

  it('filters by unit as lead or co-unit, and scopes a liaison to their unit’s tasks, through the membership table', async () => {
    expect((await ledger(supervisor, `unitId=${unitId}`)).body).toMatchObject({ total: 8, hasMore: false });
    expect((await ledger(liaison, '')).body).toMatchObject({ total: 8, hasMore: false });
  });
});
