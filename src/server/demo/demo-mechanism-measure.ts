/**
 * The demo's 对标对表 and 考核: a programme of four tasks following the reference communiqué's deployments, each with
 * a quantitative target; indicators made from those targets; a year of quarterly actual values (one indicator
 * behind its time line); monthly progress reports in the last finished quarter; leaders' instructions, supervisors'
 * ratings; and that quarter evaluated and frozen.
 *
 * The communiqué itself names no numbers (its decomposition finds no targets), so the targets are written on the
 * demo tasks as the decomposition would have extracted them from a work report; the figures are illustrative, not
 * statistics. The story is played on a clock set to the days it happened, so lateness, acceptance and the
 * evaluation read as they would have. Idempotent: a second run finds the programme and does nothing.
 */
import { DEFAULT_TZ, addDays, formatIsoDate, quarterKey, toLocalDate } from '../../core/time.ts';
import { permissionsFor } from '../../core/permissions.ts';
import type { UserActor } from '../platform/auth/actor.ts';
import { systemActor } from '../platform/auth/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { freezePeriod, rateUnit } from '../modules/evaluations/index.ts';
import { acceptActual, addPeer, createIndicatorsFromTargets, reportActual } from '../modules/indicators/index.ts';
import { createInstruction } from '../modules/instructions/index.ts';
import { createProgramme, listProgrammes } from '../modules/programmes/index.ts';
import { acceptReport, createReport, returnReport, submitReport } from '../modules/reports/index.ts';
import { createTask, refreshTaskAndAncestors, transitionTask } from '../modules/tasks/index.ts';
import { findUnitByName } from '../modules/units/index.ts';
import { findUserByUsername } from '../modules/users/index.ts';

export const MEASURE_DEMO_TITLE = '对标对表与考核演示：全会部署的量化指标';

interface DemoTask {
  liaison: string;
  unit: string;
  title: string;
  target: { text: string; metric: string; value: number; unit: string; direction: string };
  /** Cumulative actual at the end of each quarter. */
  actuals: [number, number, number, number];
  /** Days after the month's end the unit's monthly report comes in (over ~10 is late). */
  reportDay: number;
  signDays: number;
}

const TASKS: DemoTask[] = [
  { liaison: 'fgw', unit: '市发展改革委', title: '坚持项目为王，扩大有效投资', target: { text: '新开工亿元以上项目600个', metric: '新开工亿元以上项目', value: 600, unit: '个', direction: 'at_least' }, actuals: [160, 310, 455, 610], reportDay: 4, signDays: 1 },
  { liaison: 'jxj', unit: '市经信局', title: '加快建设现代化产业体系，推进新型工业化', target: { text: '新增规模以上工业企业500家', metric: '新增规模以上工业企业', value: 500, unit: '家', direction: 'at_least' }, actuals: [130, 255, 380, 505], reportDay: 6, signDays: 2 },
  // The one behind its time line: 110 of 200 by the end of the third quarter against ~150 expected.
  { liaison: 'swj', unit: '市商务局', title: '加快建设国际消费中心城市', target: { text: '引进品牌首店200家', metric: '引进品牌首店', value: 200, unit: '家', direction: 'at_least' }, actuals: [40, 78, 110, 150], reportDay: 16, signDays: 6 },
  { liaison: 'sthj', unit: '市生态环境局', title: '深入推进长江大保护，持续改善生态环境质量', target: { text: 'PM2.5平均浓度控制在35微克/立方米以内', metric: 'PM2.5平均浓度', value: 35, unit: '微克/立方米', direction: 'at_most' }, actuals: [41, 36, 31, 33], reportDay: 5, signDays: 1 },
];

function actorOf(user: { id: string; username: string; displayName: string; unitId: string; roles: readonly import('../../core/permissions.ts').Role[] }): UserActor {
  return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, unitId: user.unitId, roles: user.roles, permissions: permissionsFor(user.roles), via: 'session' };
}

/** Seeds the indicators and evaluation demo once; returns whether it did anything. */
export async function seedMeasureDemo(ctx: AppContext): Promise<boolean> {
  const system = systemActor('demo');
  if ((await listProgrammes(ctx, system)).some((p) => p.title === MEASURE_DEMO_TITLE)) return false;
  const user = async (username: string) => {
    const u = await findUserByUsername(ctx, username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return actorOf(u);
  };
  const sup = await user('supervisor');
  const leader = await user('leader');

  // The story's year is that of the last finished quarter: its quarters up to that one have figures.
  const today = toLocalDate(ctx.clock.now(), DEFAULT_TZ);
  const current = quarterKey(today);
  const lastEnded = quarterKey(addDays(`${current.slice(0, 4)}-${String((Number(current.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-01`, -1));
  const year = Number(lastEnded.slice(0, 4));
  const lastQ = Number(lastEnded.slice(-1));
  const day = (month: number, d: number) => formatIsoDate(year + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1, d);
  // 10:00 in Shanghai on that day.
  const on = (iso: string): AppContext => ({ ...ctx, clock: { now: () => new Date(`${iso}T02:00:00.000Z`) } });
  const start = on(day(1, 5));

  const programme = await createProgramme(start, system, { title: MEASURE_DEMO_TITLE, description: '演示数据：指标、实际值与考核均为示意，非真实统计。', supervisorIds: [sup.id] });
  const tasks: Array<{ id: string; spec: DemoTask; liaison: UserActor }> = [];
  // One work area holding the tasks, as a published programme has: the ledger, 统计 and homes count tasks, not areas.
  const area = await createTask(start, sup, { programmeId: programme.id, title: '量化指标任务' });
  for (const spec of TASKS) {
    const unit = await findUnitByName(ctx, spec.unit);
    if (!unit) throw new Error(`demo unit ${spec.unit} missing`);
    const liaison = await user(spec.liaison);
    const created = await createTask(start, sup, {
      programmeId: programme.id,
      parentId: area.id,
      title: spec.title,
      leadUnitId: unit.id,
      startDate: day(1, 1),
      dueDate: day(12, 31),
      cadence: { kind: 'monthly' },
      targets: [{ text: spec.target.text, span: null, metric: spec.target.metric, value: spec.target.value, valueMax: null, unit: spec.target.unit, direction: spec.target.direction, trend: null }],
    });
    const assigned = await transitionTask(start, sup, created.id, { action: 'assign', version: created.version });
    await transitionTask(on(day(1, 5 + spec.signDays)), liaison, created.id, { action: 'sign', version: assigned.version });
    tasks.push({ id: created.id, spec, liaison });
  }

  const { created: indicators } = await createIndicatorsFromTargets(on(day(1, 12)), sup, programme.id, 'quarter');
  const byTask = new Map(indicators.map((i) => [i.taskId, i]));

  // Quarterly actuals, reported a week after each quarter and accepted two days later.
  for (let q = 1; q <= lastQ; q++) {
    for (const t of tasks) {
      const indicator = byTask.get(t.id)!;
      const a = await reportActual(on(day(q * 3 + 1, 7)), t.liaison, indicator.id, { periodKey: `${year}-Q${q}`, value: t.spec.actuals[q - 1]!, note: null });
      await acceptActual(on(day(q * 3 + 1, 9)), sup, a.id, {});
    }
  }
  const pm = byTask.get(tasks[3]!.id)!;
  await addPeer(on(day(lastQ * 3 + 1, 10)), sup, pm.id, { name: '杭州市', value: 28, periodKey: `${year}-Q${lastQ}`, source: '演示数据（非真实统计）' });
  await addPeer(on(day(lastQ * 3 + 1, 10)), sup, pm.id, { name: '成都市', value: 34, periodKey: `${year}-Q${lastQ}`, source: '演示数据（非真实统计）' });

  // Monthly progress reports submitted during the last finished quarter (for its month before and its first two
  // months): some late, one returned once. Two 批示 late in its second month, one answered within two weeks.
  const firstMonth = (lastQ - 1) * 3 + 1;
  for (let m = Math.max(1, firstMonth - 1); m < firstMonth + 2; m++) {
    if (m === firstMonth + 1) {
      await createInstruction(on(day(m, 25)), leader, tasks[2]!.id, { text: '首店经济要加力，请商务局拿出追赶措施。' });
      await createInstruction(on(day(m, 25)), leader, tasks[0]!.id, { text: '重大项目要按月调度，确保全年目标。' });
    }
    for (const [n, t] of tasks.entries()) {
      const periodKey = `${year}-${String(m).padStart(2, '0')}`;
      const submittedOn = on(day(m + 1, t.spec.reportDay));
      const { report: r } = await createReport(submittedOn, t.liaison, t.id, { periodKey, progress: Math.min(95, Math.round((m / 12) * 100)), text: `${periodKey}推进情况：${t.spec.target.metric}累计完成情况见指标报送。` });
      const sent = await submitReport(submittedOn, t.liaison, r.id, {});
      const reviewDay = t.spec.reportDay + 2;
      if (n === 2 && m === firstMonth) {
        const back = await returnReport(on(day(m + 1, reviewDay)), sup, r.id, { reason: '请补充首店引进清单。', version: sent.report.version });
        const again = await submitReport(on(day(m + 1, reviewDay + 1)), t.liaison, r.id, { version: back.report.version });
        await acceptReport(on(day(m + 1, reviewDay + 2)), sup, r.id, { version: again.report.version });
      } else {
        await acceptReport(on(day(m + 1, reviewDay)), sup, r.id, { version: sent.report.version });
      }
    }
  }

  const afterQuarter = on(day(lastQ * 3 + 1, 12));
  for (const [n, t] of tasks.entries()) {
    await rateUnit(afterQuarter, sup, lastEnded, (await findUnitByName(ctx, t.spec.unit))!.id, { rating: [5, 4, 3, 4][n]!, comment: n === 2 ? '首店引进进度滞后' : null });
  }
  await freezePeriod(on(day(lastQ * 3 + 1, 15)), sup, lastEnded);

  // Back to today: the lights as they stand now.
  await ctx.db.transaction().execute(async (trx) => {
    for (const t of tasks) await refreshTaskAndAncestors(trx, t.id, ctx.clock.now());
  });
  return true;
}

