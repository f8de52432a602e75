import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import type { RelayCampaignDetailResponse } from '../../src/contract/relays.ts';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';

// The deadline feeds the lights: each unit's coverage row and the campaign's roll-up, in the list and the detail.
describe.each(DIALECTS)('传达学习 health (API, %s)', (dialect) => {
  const clock = new TestClock(new Date('2024-05-10T02:00:00.000Z'));
  let t: TestApp;
  let sup: SignedIn;
  let liaisons: SignedIn[];
  let units: string[];
  let campaign: RelayCampaignDetailResponse;

  beforeAll(async () => {
    // The story spans two weeks of the clock; sessions outlive it.
    t = await createTestApp(dialect, { clock, config: { sessionIdleHours: 24 * 60, sessionMaxHours: 24 * 60 } });
    units = [(await buildUnit(t.ctx)).id, (await buildUnit(t.ctx)).id, (await buildUnit(t.ctx)).id];
    sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    liaisons = [];
    for (const unitId of units) liaisons.push(await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId })));
    const task = await buildTask(t.ctx, { supervisorIds: [sup.user.id], state: 'in_progress', leadUnitId: units[0]!, coUnitIds: units.slice(1) });
    const doc = answer('POST /api/v1/documents/text', await post(sup, '/api/v1/documents/text', { text: '关于传达学习全会精神的通知\n一、认真传达学习全会精神。', title: '全会公报' })).document.id;
    await t.ctx.db.insertInto('programme_documents').values({ programme_id: task.programmeId, document_id: doc }).execute();
    campaign = answer('POST /api/v1/relays', await post(sup, '/api/v1/relays', { documentId: doc, programmeId: task.programmeId, deadline: '2024-05-20' }));
  });
  afterAll(async () => t.close());

  function post(who: SignedIn, url: string, payload: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  }
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const detail = async (who: SignedIn = sup) => answer('GET /api/v1/relays/:id', await get(who, `/api/v1/relays/${campaign.id}`));
  const listed = async (who: SignedIn = sup) => answer('GET /api/v1/relays', await get(who, '/api/v1/relays')).items.find((c) => c.id === campaign.id)!;
  const lightOf = (c: RelayCampaignDetailResponse, unit: string) => c.coverage.find((r) => r.unitId === unit)!.health;
  const meeting = (meetingDate: string) => ({ meetingType: 'theory_group', meetingDate, chair: '张书记', attendeeCount: 20, minutes: '传达了全会精神。' });

  it('is green with the days left while the deadline is far, and not on the supervisor’s home', async () => {
    expect(answer('GET /api/v1/home', await get(sup, '/api/v1/home')).relaysOverdue).toEqual([]);
    const d = await detail();
    expect(d.coverage.map((r) => r.health.code)).toEqual(['not_due', 'not_due', 'not_due']);
    expect(lightOf(d, units[0]!).summary['zh-Hans']).toBe('绿灯：距截止10天');
    expect(d.health).toMatchObject({ colour: 'green', counts: { red: 0, yellow: 0, green: 3 } });
    expect((await listed()).health).toEqual(d.health);
  });

  it('turns yellow within three days of the deadline and red after it; a returned record counts as not recorded', async () => {
    clock.set('2024-05-12T02:00:00.000Z');
    expect((await post(liaisons[0]!, `/api/v1/relays/${campaign.id}/records`, meeting('2024-05-11'))).statusCode).toBe(201);
    expect((await post(liaisons[1]!, `/api/v1/relays/${campaign.id}/records`, meeting('2024-05-11'))).statusCode).toBe(201);
    const returned = (await detail()).coverage.find((r) => r.unitId === units[1])!.recordId!;
    const version = answer('GET /api/v1/relays/records/:id', await get(sup, `/api/v1/relays/records/${returned}`)).version;
    expect((await post(sup, `/api/v1/relays/records/${returned}/return`, { version, reason: '缺少会议记录' })).statusCode).toBe(200);

    clock.set('2024-05-18T02:00:00.000Z');
    let d = await detail();
    expect(lightOf(d, units[0]!)).toMatchObject({ colour: 'green', code: 'recorded_on_time' });
    expect(lightOf(d, units[1]!)).toMatchObject({ colour: 'yellow', code: 'due_soon', days: 2, returned: true });
    expect(lightOf(d, units[2]!).summary['zh-Hans']).toBe('黄灯：距截止2天，尚未报传达学习记录');
    expect(d.health).toMatchObject({ colour: 'yellow', counts: { red: 0, yellow: 2, green: 1 } });

    clock.set('2024-05-23T02:00:00.000Z');
    d = await detail();
    expect(lightOf(d, units[2]!)).toMatchObject({ colour: 'red', code: 'overdue', days: 3 });
    expect(lightOf(d, units[2]!).summary).toEqual({ 'zh-Hans': '红灯：逾期3天未报传达学习记录', 'zh-Hant': '紅燈：逾期3天未報傳達學習記錄', en: 'Red: no relay record, 3 days overdue' });
    expect(lightOf(d, units[1]!).summary['zh-Hans']).toBe('红灯：记录被退回，逾期3天未报传达学习记录');
    expect(d.health).toEqual({ colour: 'red', counts: { red: 2, yellow: 0, green: 1 }, summary: { 'zh-Hans': '红灯：2个单位逾期未报，已报1/3', 'zh-Hant': '紅燈：2個單位逾期未報，已報1/3', en: 'Red: 2 units overdue, 1 of 3 recorded' } });
    // The list rolls up from its counts and says the same.
    expect((await listed()).health).toEqual(d.health);
    // The supervisor's home lists the campaign under what needs them today; a liaison's home does not.
    const home = answer('GET /api/v1/home', await get(sup, '/api/v1/home'));
    expect(home.relaysOverdue).toEqual([expect.objectContaining({ id: campaign.id, missing: 2, health: d.health })]);
    expect(answer('GET /api/v1/home', await get(liaisons[0]!, '/api/v1/home')).relaysOverdue).toEqual([]);
  });

  it('shows a late record green with how late it was, and a liaison its own row’s light', async () => {
    expect((await post(liaisons[2]!, `/api/v1/relays/${campaign.id}/records`, meeting('2024-05-22'))).statusCode).toBe(201);
    const own = await detail(liaisons[2]!);
    expect(own.coverage).toHaveLength(1);
    expect(own.coverage[0]!.health).toMatchObject({ colour: 'green', code: 'recorded_late', days: 3 });
    expect(own.health).toMatchObject({ colour: 'red', counts: { red: 1, green: 2 } });
    expect((await listed(liaisons[2]!)).health).toEqual(own.health);
    expect(answer('GET /api/v1/home', await get(sup, '/api/v1/home')).relaysOverdue.map((c) => c.missing)).toEqual([1]);
  });
});
