/** HTTP for tasks: the ledger, a task's page and timeline, planning, milestones and lifecycle actions. */
import { Type } from 'typebox';
import { TASK_ACTIONS } from '../../../core/tasks/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { addMilestone, createTask, deleteMilestone, updateMilestone, updateTask } from './task-editing.ts';
import { LEDGER_FILTER_FIELDS } from '../../../contract/ledger.ts';
import { answerTask, getTaskDetail, ledgerCriteriaOf, listTasks } from './task-queries.ts';
import { transitionTask } from './task-transitions.ts';
import { MilestoneResponse, presentMilestone, presentTask, presentTaskDetail, presentTaskWithAbilities, TaskDetailResponse, TaskResponse, TaskWithAbilitiesResponse } from './tasks.presenter.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const CoUnits = Type.Array(Type.Object({ unitId: Type.String({ minLength: 1 }), part: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false }), { maxItems: 50 });
const Cadence = Type.Union([
  Type.Object({ kind: Type.Literal('weekly'), graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('monthly'), graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('quarterly'), graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('custom'), dates: Type.Array(IsoDate, { minItems: 1, maxItems: 366 }), graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })) }, { additionalProperties: false }),
]);

/** The plan of a task, shared by creating and editing one. */
const PLAN_FIELDS = {
  description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  leadUnitId: Type.Optional(Nullable(Type.String())),
  coUnits: Type.Optional(CoUnits),
  ownerUserId: Type.Optional(Nullable(Type.String())),
  startDate: Type.Optional(Nullable(IsoDate)),
  dueDate: Type.Optional(Nullable(IsoDate)),
  cadence: Type.Optional(Nullable(Cadence)),
  weight: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 })),
};

const withParts = (c: Array<{ unitId: string; part?: string | null }> | undefined) => c?.map((x) => ({ unitId: x.unitId, part: x.part ?? null }));

export async function taskRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/tasks', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'The ledger (台账): tasks the caller may see, filtered and sorted; `health`, `state`, `kind` take comma-separated lists',
      querystring: Type.Object({
        ...LEDGER_FILTER_FIELDS,
        sort: Type.Optional(Type.Union(['ordinal', 'due', 'health', 'updated', 'title', 'progress'].map((s) => Type.Literal(s)))),
        order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        offset: Type.Optional(Type.Integer({ minimum: 0 })),
        /** Count the filtered list; by default only on the first page (offset 0). */
        withTotal: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(TaskResponse),
          // Counted once per filter: on the first page, or with `withTotal=true`.
          total: Type.Optional(Type.Integer()),
          hasMore: Type.Boolean(),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const q = req.query;
    const { items, total, hasMore } = await listTasks(ctx, req.actor!, {
      ...ledgerCriteriaOf(q),
      sort: q.sort as never,
      order: q.order,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
    return { items: items.map(presentTask), ...(total !== null ? { total } : {}), hasMore };
  });

  app.post('/api/v1/programmes/:id/tasks', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['tasks'],
      summary: 'Add a work area (no parent) or a task under a parent, in draft',
      params: IdParams,
      body: Type.Object({
        parentId: Type.Optional(Nullable(Type.String())),
        title: Type.String({ minLength: 1, maxLength: 500 }),
        ...PLAN_FIELDS,
      }, { additionalProperties: false }),
      response: { 201: TaskWithAbilitiesResponse, ...errorResponses },
    },
  }, async (req, reply) => {
    const task = await createTask(ctx, req.actor!, { ...req.body, programmeId: req.params.id, coUnits: withParts(req.body.coUnits) });
    return reply.status(201).send(presentTaskWithAbilities(await answerTask(ctx.db, req.actor!, task)));
  });

  app.get('/api/v1/tasks/:id', {
    config: { permission: 'task.read' },
    schema: { tags: ['tasks'], summary: 'A task with milestones, breadcrumb, visible sub-tasks and the caller’s abilities', params: IdParams, response: { 200: TaskDetailResponse, ...errorResponses } },
  }, async (req) => presentTaskDetail(await getTaskDetail(ctx, req.actor!, req.params.id)));

  app.patch('/api/v1/tasks/:id', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'Change the plan of a task (supervisor of its programme)',
      params: IdParams,
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
        ...PLAN_FIELDS,
      }, { additionalProperties: false }),
      response: { 200: TaskWithAbilitiesResponse, ...errorResponses },
    },
  }, async (req) => presentTaskWithAbilities(await answerTask(ctx.db, req.actor!, await updateTask(ctx, req.actor!, req.params.id, { ...req.body, coUnits: withParts(req.body.coUnits) }))));

  app.post('/api/v1/tasks/:id/transitions', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'A lifecycle action: assign 交办, sign 签收, requestReassign, reassign, start, requestCompletion 申请办结, returnCompletion 退回, close 销号, suspend 挂账, resume, reopen, requestExtension 延期, approveExtension, refuseExtension',
      params: IdParams,
      body: Type.Object({
        action: Type.Union(TASK_ACTIONS.map((a) => Type.Literal(a))),
        version: Type.Integer({ minimum: 1 }),
        reason: Type.Optional(Type.String({ maxLength: 2000 })),
        reviewDate: Type.Optional(IsoDate),
        newDueDate: Type.Optional(IsoDate),
        leadUnitId: Type.Optional(Type.String()),
        coUnits: Type.Optional(CoUnits),
        ownerUserId: Type.Optional(Nullable(Type.String())),
        dueDate: Type.Optional(Nullable(IsoDate)),
        cadence: Type.Optional(Nullable(Cadence)),
      }, { additionalProperties: false }),
      response: { 200: TaskWithAbilitiesResponse, ...errorResponses },
    },
  }, async (req) => presentTaskWithAbilities(await answerTask(ctx.db, req.actor!, await transitionTask(ctx, req.actor!, req.params.id, { ...req.body, coUnits: withParts(req.body.coUnits) }))));

  app.post('/api/v1/tasks/:id/milestones', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'Add a milestone (节点)',
      params: IdParams,
      body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 500 }), dueDate: IsoDate }, { additionalProperties: false }),
      response: { 201: MilestoneResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentMilestone(await addMilestone(ctx, req.actor!, req.params.id, req.body))));

  app.patch('/api/v1/milestones/:id', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'Rename, re-date or mark a milestone done',
      params: IdParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })), dueDate: Type.Optional(IsoDate), done: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: MilestoneResponse, ...errorResponses },
    },
  }, async (req) => presentMilestone(await updateMilestone(ctx, req.actor!, req.params.id, req.body)));

  app.delete('/api/v1/milestones/:id', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'Delete a milestone (`version` = the version you saw)',
      params: IdParams,
      querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await deleteMilestone(ctx, req.actor!, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
}
