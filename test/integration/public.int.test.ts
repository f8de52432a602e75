/**
 * The public side on both databases: publishing and withdrawing (audited, version growing), the public content and
 * its state key, lead submission with the DB-backed rate limit and the one-use challenge (a unique column), and
 * 转为整改任务 creating and assigning a task in the same transaction as the lead's update and audit rows.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptLead, challengeFor, countLeadAttempt, LEAD_LIMITS, rectifyLead, submitLead } from '../../src/server/modules/leads/index.ts';
import { findPublicProgramme, findPublicTask, publicStateKey, publishProgramme, withdrawProgramme } from '../../src/server/modules/publication/index.ts';
import { transitionTask } from '../../src/server/modules/tasks/index.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

const answerOf = (question: string) => String(question.split(' + ').map(Number).reduce((a, b) => a + b, 0));

describe.each(DIALECTS)('the public side on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  it('publishes, serves, rate-limits and turns a lead into assigned rectification work', async () => {
    const { ctx } = env;
    const supUser = await buildUser(ctx, { roles: ['supervisor'] });
    const sup = actorOf(supUser);
    const unit = await buildUnit(ctx, { name: '区城管局' });
    const area = await buildTask(ctx, { supervisorIds: [supUser.id], kind: 'area', title: '城市管理', leadUnitId: null });
    const task = await buildTask(ctx, { programmeId: area.programmeId, parentId: area.id, state: 'assigned', leadUnitId: unit.id, dueDate: '2024-12-31', title: '整治占道经营' });
    const draft = await buildTask(ctx, { programmeId: area.programmeId, parentId: area.id, title: '草拟中的任务' });

    expect(await findPublicProgramme(ctx.db, area.programmeId)).toBeNull();
    const keyBefore = await publicStateKey(ctx.db, area.programmeId);
    const published = await publishProgramme(ctx, sup, area.programmeId);
    expect(published).toMatchObject({ published: true, version: 1 });
    expect(await publicStateKey(ctx.db, area.programmeId)).not.toBe(keyBefore);
    const content = (await findPublicProgramme(ctx.db, area.programmeId))!;
    expect(content.areas.map((a) => [a.title, a.tasks.map((t) => t.title)])).toEqual([['城市管理', ['整治占道经营']]]);
    expect(content.areas[0]!.tasks[0]!.leadUnit).toBe('区城管局');
    expect(await findPublicTask(ctx.db, draft.id)).toBeNull();

    // Rate limit, in the database: the sixth attempt from one address within the window is refused.
    for (let i = 0; i < LEAD_LIMITS.perAddress; i++) await countLeadAttempt(ctx, task.id, '198.51.100.9');
    await expect(countLeadAttempt(ctx, task.id, '198.51.100.9')).rejects.toMatchObject({ status: 429, details: { retryAfterSeconds: 3600 } });
    expect(JSON.stringify(await ctx.db.selectFrom('lead_attempts').selectAll().execute())).not.toContain('198.51.100.9');

    const c = await challengeFor(ctx, task.id);
    const photo = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#0a0' } }).png().toBuffer();
    const { id } = await submitLead(ctx, { taskId: task.id, what: '人行道仍被占用', place: '中山路口', contact: 'tel 1', photo, challenge: c.token, answer: answerOf(c.question) });
    await expect(submitLead(ctx, { taskId: task.id, what: '再来一次', place: '中山路口', contact: null, photo: null, challenge: c.token, answer: answerOf(c.question) })).rejects.toMatchObject({ code: 'challenge_used', status: 409 });

    const accepted = await acceptLead(ctx, sup, id, { version: 1 });
    const rectified = await rectifyLead(ctx, sup, id, { version: accepted.lead.version, title: '整改：清理中山路口占道', dueDate: '2024-06-30' });
    const rectTask = await ctx.db.selectFrom('tasks').selectAll().where('id', '=', rectified.lead.rectificationTaskId!).executeTakeFirstOrThrow();
    expect(rectTask).toMatchObject({ state: 'assigned', lead_unit_id: unit.id, due_date: '2024-06-30', parent_id: area.id, programme_id: area.programmeId });
    const shown = (await findPublicTask(ctx.db, task.id))!;
    expect(shown.task.leads).toEqual([{ id, acceptedAt: expect.any(String), rectification: expect.objectContaining({ taskId: rectTask.id, state: 'assigned' }) }]);
    const actions = (await ctx.db.selectFrom('audit_events').select(['action', 'object_id']).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['programme.published', 'lead.submitted', 'lead.accepted', 'task.created', 'task.assigned', 'lead.rectified']));
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);

    // Signing the rectification task changes the state key, so public caches revalidate.
    const key = await publicStateKey(ctx.db, area.programmeId);
    const lead = actorOf(await buildUser(ctx, { roles: ['liaison'], unitId: unit.id }));
    env.clock.advance(1000);
    await transitionTask(ctx, lead, rectTask.id, { action: 'sign', version: rectTask.version });
    expect(await publicStateKey(ctx.db, area.programmeId)).not.toBe(key);

    await withdrawProgramme(ctx, sup, area.programmeId);
    expect(await findPublicProgramme(ctx.db, area.programmeId)).toBeNull();
    await expect(submitLead(ctx, { taskId: task.id, what: 'x', place: 'y', contact: null, photo: null, challenge: c.token, answer: answerOf(c.question) })).rejects.toMatchObject({ status: 404 });
  });
});
