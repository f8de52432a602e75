/**
 * Generated programmes for the dashboard tests: work areas with tasks in every state and colour, lead and co-units,
 * due dates around "today", signing dates, tags and sub-tasks — written straight to the tables like `buildTask`.
 */
import type { AppContext } from '../../src/server/platform/context.ts';
import { buildTask } from './factories.ts';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ['draft', 'assigned', 'signed', 'in_progress', 'in_progress', 'completion_requested', 'suspended', 'closed', 'closed', 'reassign_requested'] as const;
const OPEN_COLOURS = ['red', 'yellow', 'blue', 'green', 'green'] as const;

export interface Generated {
  programmeId: string;
  areaIds: string[];
  taskIds: string[];
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One programme: `areas` work areas of `perArea` tasks each (plus a sub-task under every fifth task). */
export async function generateProgramme(
  ctx: AppContext,
  input: { seed: number; supervisorIds: string[]; unitIds: string[]; areas?: number; perArea?: number; titlePrefix?: string },
): Promise<Generated> {
  const rnd = prng(input.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const now = ctx.clock.now().getTime();
  const areaIds: string[] = [];
  const taskIds: string[] = [];
  let programmeId: string | undefined;
  for (let a = 0; a < (input.areas ?? 3); a++) {
    const area = await buildTask(ctx, { programmeId, supervisorIds: programmeId ? [] : input.supervisorIds, kind: 'area', state: 'in_progress', leadUnitId: null, title: `${input.titlePrefix ?? ''}方面${a + 1}` });
    programmeId = area.programmeId;
    areaIds.push(area.id);
    for (let i = 0; i < (input.perArea ?? 12); i++) {
      const state = pick(STATES);
      const lead = pick(input.unitIds);
      const co = input.unitIds.filter((u) => u !== lead && rnd() < 0.3);
      const due = rnd() < 0.1 ? null : isoDay(now + Math.round((rnd() * 120 - 60)) * DAY);
      const t = await buildTask(ctx, { programmeId, parentId: area.id, kind: 'task', state, leadUnitId: lead, coUnitIds: co, dueDate: due, title: `${input.titlePrefix ?? ''}任务${a + 1}-${i + 1}${rnd() < 0.3 ? '民生' : ''}` });
      taskIds.push(t.id);
      const health = state === 'draft' || state === 'closed' ? 'none' : state === 'suspended' ? 'grey' : pick(OPEN_COLOURS);
      const assignedAt = state === 'draft' ? null : new Date(now - (2 + Math.floor(rnd() * 20)) * DAY);
      const signed = assignedAt && !['assigned', 'reassign_requested'].includes(state) ? new Date(assignedAt.getTime() + Math.floor(rnd() * 6 * DAY)) : null;
      await ctx.db
        .updateTable('tasks')
        .set({
          health,
          health_json: JSON.stringify({ colour: health, reasons: [], summary: { 'zh-Hans': `原因${i}`, 'zh-Hant': `原因${i}`, en: `reason ${i}` } }),
          progress: state === 'closed' ? 100 : Math.floor(rnd() * 100),
          assigned_at: assignedAt?.toISOString() ?? null,
          signed_at: signed?.toISOString() ?? null,
          tags_json: rnd() < 0.4 ? '["民生"]' : '[]',
          ordinal: i,
        })
        .where('id', '=', t.id)
        .execute();
      if (i % 5 === 0) {
        const sub = await buildTask(ctx, { programmeId, parentId: t.id, kind: 'subtask', state: state === 'draft' ? 'draft' : 'in_progress', leadUnitId: lead, dueDate: due, title: `${input.titlePrefix ?? ''}子任务${a + 1}-${i + 1}` });
        const subHealth = state === 'draft' ? 'none' : 'red';
        await ctx.db.updateTable('tasks').set({ health: subHealth, health_json: JSON.stringify({ colour: subHealth, reasons: [], summary: { 'zh-Hans': '子任务逾期', 'zh-Hant': '子任務逾期', en: 'sub-task overdue' } }) }).where('id', '=', sub.id).execute();
      }
    }
  }
  return { programmeId: programmeId!, areaIds, taskIds };
}
