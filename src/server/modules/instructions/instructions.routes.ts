/** HTTP for leaders' instructions (批示) on a task. */
import { instructionsEndpoints as ep } from '../../../contract/instructions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { presentInstruction } from './instructions.presenter.ts';
import { createInstruction, listInstructions } from './instructions.service.ts';

export async function instructionRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(ep.create.path, {
    config: { permission: 'instruction.create' },
    schema: routeSchema(ep.create, { tags: ['instructions'], summary: 'Write a 批示 on the task, or on one of its reports (`reportId`); notified to the task’s units' }),
  }, async (req, reply) => reply.status(201).send(presentInstruction(await createInstruction(ctx, req.actor!, req.params.id, req.body))));

  app.get(ep.list.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.list, { tags: ['instructions'], summary: 'The task’s instructions, oldest first' }),
  }, async (req) => ({ items: (await listInstructions(ctx, req.actor!, req.params.id)).map(presentInstruction) }));
}
