/**
 * The demo's 传达学习 and 督查 (issue 12): a small hand-made programme for the reference communiqué (four tasks
 * assigned to 市商务局, 市经信局, 市生态环境局 and 市发展改革委 with 江岸区), a relay campaign for the communiqué in
 * which 市发展改革委 and 市经信局 have recorded their meetings and the others have not, and a special inspection
 * whose two findings have been turned into rectification tasks. Idempotent: the programme's title is the marker.
 */
import { permissionsFor } from '../../core/permissions.ts';
import { addDays, toLocalDate } from '../../core/time.ts';
import { systemActor, type UserActor } from '../platform/auth/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { createFinding, createInspection, createVisit, getInspection, rectifyFinding, transitionInspection } from '../modules/inspections/index.ts';
import { createProgramme } from '../modules/programmes/index.ts';
import { createCampaign, createRecord } from '../modules/relays/index.ts';
import { createTask, transitionTask } from '../modules/tasks/index.ts';
import { findUnitByName } from '../modules/units/index.ts';
import { findUserByUsername } from '../modules/users/index.ts';

export const DEMO_MECHANISM_PROGRAMME = '全会精神贯彻落实督查（演示）';

const TASKS = [
  { title: '加快建设国际消费中心城市，办好消费促进活动', lead: '市商务局' },
  { title: '推进新型工业化，加快传统产业转型升级', lead: '市经信局' },
  { title: '持续打好蓝天、碧水、净土保卫战', lead: '市生态环境局' },
  { title: '深化营商环境改革，推进政务服务“高效办成一件事”', lead: '市发展改革委', co: ['江岸区'] },
];

async function userActor(ctx: AppContext, username: string): Promise<UserActor> {
  const u = await findUserByUsername(ctx, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, unitId: u.unitId, roles: u.roles, permissions: permissionsFor(u.roles), via: 'session' };
}

async function unitId(ctx: AppContext, name: string): Promise<string> {
  const u = await findUnitByName(ctx, name);
  if (!u) throw new Error(`demo unit ${name} missing`);
  return u.id;
}

/** Seeds the relay campaign and the inspection unless the demo programme exists; returns whether it seeded. */
export async function seedDemoMechanismRelays(ctx: AppContext, documentId: string): Promise<boolean> {
  const exists = await ctx.db.selectFrom('programmes').select('id').where('title', '=', DEMO_MECHANISM_PROGRAMME).executeTakeFirst();
  if (exists) return false;
  const system = systemActor('demo');
  const supervisor = await userActor(ctx, 'supervisor');
  const today = toLocalDate(ctx.clock.now());

  const programme = await createProgramme(ctx, supervisor, {
    title: DEMO_MECHANISM_PROGRAMME,
    description: '演示传达学习、督促检查和整改闭环的工作方案。',
    supervisorIds: [supervisor.id],
    documentIds: [documentId],
  });
  // One work area holding the tasks, as a published programme has: the ledger, 统计 and homes count tasks, not areas.
  const area = await createTask(ctx, system, { programmeId: programme.id, title: '贯彻落实全会精神重点任务' });
  for (const t of TASKS) {
    const task = await createTask(ctx, system, {
      programmeId: programme.id,
      parentId: area.id,
      title: t.title,
      leadUnitId: await unitId(ctx, t.lead),
      coUnits: await Promise.all((t.co ?? []).map(async (name) => ({ unitId: await unitId(ctx, name), part: null }))),
      dueDate: addDays(today, 180),
    });
    await transitionTask(ctx, system, task.id, { action: 'assign', version: task.version });
  }

  // 传达学习: two units have recorded, three have not; the deadline is ten days ahead.
  const { campaign } = await createCampaign(ctx, supervisor, { documentId, programmeId: programme.id, deadline: addDays(today, 10) });
  await createRecord(ctx, await userActor(ctx, 'fgw'), campaign.id, {
    meetingType: 'theory_group', meetingDate: addDays(today, -3), chair: '陈主任', attendeeCount: 28,
    minutes: '委理论学习中心组集体学习全会公报，逐条对照全会部署研究本委落实举措。',
    followUp: '制定贯彻落实全会精神任务清单，按月调度。',
  });
  await createRecord(ctx, await userActor(ctx, 'jxj'), campaign.id, {
    meetingType: 'party_group', meetingDate: addDays(today, -1), chair: '局党组书记', attendeeCount: 15,
    minutes: '局党组会传达全会精神，部署推进新型工业化重点工作。',
    followUp: null,
  });

  // 督促检查: a special inspection of two units, two findings turned into rectification tasks.
  const commerce = await unitId(ctx, '市商务局');
  const ecology = await unitId(ctx, '市生态环境局');
  const { inspection } = await createInspection(ctx, supervisor, {
    programmeId: programme.id,
    topic: '贯彻落实全会精神专项督查（演示）',
    kind: 'special',
    description: '围绕消费促进和生态环境保护两项任务，实地督查落实情况。',
    startDate: addDays(today, -7),
    endDate: addDays(today, 7),
    members: [{ userId: supervisor.id, team: '第一督查组', leader: true }],
    targetUnitIds: [commerce, ecology],
  });
  await transitionInspection(ctx, supervisor, inspection.id, { action: 'start', version: inspection.version });
  const visit = await createVisit(ctx, supervisor, inspection.id, { unitId: commerce, visitedOn: addDays(today, -5), notes: '查阅消费促进活动台账，走访两个商圈。' });
  await createVisit(ctx, supervisor, inspection.id, { unitId: ecology, visitedOn: addDays(today, -4), notes: '现场查看两处河道整治点位。' });
  const findings = [
    await createFinding(ctx, supervisor, inspection.id, { unitId: commerce, visitId: visit.id, title: '消费券核销数据未按月公开', severity: 'serious', description: '抽查发现第三季度核销数据未在门户网站公开。' }),
    await createFinding(ctx, supervisor, inspection.id, { unitId: ecology, title: '部分河道排口整治进度滞后于计划', severity: 'general' }),
  ];
  for (const f of findings) await rectifyFinding(ctx, supervisor, f.id, { version: f.version, dueDate: addDays(today, 30) });
  const current = await getInspection(ctx, supervisor, inspection.id);
  await transitionInspection(ctx, supervisor, inspection.id, { action: 'report', version: current.inspection.version });
  return true;
}
