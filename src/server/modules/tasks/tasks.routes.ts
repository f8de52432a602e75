/** HTTP for tasks: the ledger, a task's page and timeline, planning, milestones and lifecycle actions. */
import { tasksEndpoints as ep } from '../../../contract/tasks.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { addMilestone, createTask, deleteMilestone, updateMilestone, updateTask } from './task-editing.ts';
import { answerTask, getTaskDetail, ledgerCriteriaOf, listTasks } from './task-queries.ts';
import { transitionTask } from './task-transitions.ts';
import { presentMilestone, presentTask, presentTaskDetail, presentTaskWithAbilities } from './tasks.presenter.ts';

const withParts = (c: Array<{ unitId: string; part?: string | null }> | undefined) => c?.map((x) => ({ unitId: x.unitId, part: x.part ?? null }));

export async function taskRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.ledger.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.ledger, {
      tags: ['tasks'],
      summary: 'The ledger (台账): tasks the caller may see, filtered and sorted; `health`, `state`, `kind` take comma-separated lists',
    }),
  }, async (req) => {
    const q = req.query;
    const { items, total, hasMore } = await listTasks(ctx, req.actor!, {
      ...ledgerCriteriaOf(q),
      sort: q.sort,
      order: q.order,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
      ...(q.withTotal !== undefined ? { withTotal: q.withTotal } : {}),
    });
    return { items: items.map(presentTask), ...(total !== null ? { total } : {}), hasMore };
  });

  app.post(ep.create.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.create, { tags: ['tasks'], summary: 'Add a work area (no parent) or a task under a parent, in draft' }),
  }, async (req, reply) => {
    const task = await createTask(ctx, req.actor!, { ...req.body, programmeId: req.params.id, coUnits: withParts(req.body.coUnits) });
    return reply.status(201).send(presentTaskWithAbilities(await answerTask(ctx.db, req.actor!, task)));
  });

  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, { tags: ['tasks'], summary: 'A task with milestones, breadcrumb, visible sub-tasks and the caller’s abilities' }),
  }, async (req) => presentTaskDetail(await getTaskDetail(ctx, req.actor!, req.params.id)));

  app.patch(ep.update.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.update, { tags: ['tasks'], summary: 'Change the plan of a task (supervisor of its programme)' }),
  }, async (req) => presentTaskWithAbilities(await answerTask(ctx.db, req.actor!, await updateTask(ctx, req.actor!, req.params.id, { ...req.body, coUnits: withParts(req.body.coUnits) }))));

  app.post(ep.transition.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.transition, {
      tags: ['tasks'],
      summary: 'A lifecycle action: assign 交办, sign 签收, requestReassign, reassign, start, requestCompletion 申请办结, returnCompletion 退回, close 销号, suspend 挂账, resume, reopen, requestExtension 延期, approveExtension, refuseExtension',
    }),
  }, async (req) => presentTaskWithAbilities(await answerTask(ctx.db, req.actor!, await transitionTask(ctx, req.actor!, req.params.id, { ...req.body, coUnits: withParts(req.body.coUnits) }))));

  app.post(ep.addMilestone.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.addMilestone, { tags: ['tasks'], summary: 'Add a milestone (节点)' }),
  }, async (req, reply) => reply.status(201).send(presentMilestone(await addMilestone(ctx, req.actor!, req.params.id, req.body))));

  app.patch(ep.updateMilestone.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.updateMilestone, { tags: ['tasks'], summary: 'Rename, re-date or mark a milestone done' }),
  }, async (req) => presentMilestone(await updateMilestone(ctx, req.actor!, req.params.id, req.body)));

  app.delete(ep.deleteMilestone.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.deleteMilestone, { tags: ['tasks'], summary: 'Delete a milestone (`version` = the version you saw)' }),
  }, async (req, reply) => {
    await deleteMilestone(ctx, req.actor!, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
}
