/** HTTP for leaders' instructions (批示) on a task. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { InstructionResponse, presentInstruction } from './instructions.presenter.ts';
import { createInstruction, INSTRUCTION_MAX, listInstructions } from './instructions.service.ts';

export async function instructionRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/tasks/:id/instructions', {
    config: { permission: 'instruction.create' },
    schema: {
      tags: ['instructions'],
      summary: 'Write a 批示 on the task, or on one of its reports (`reportId`); notified to the task’s units',
      params: IdParams,
      body: Type.Object({ text: Type.String({ minLength: 1, maxLength: INSTRUCTION_MAX }), reportId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))) }, { additionalProperties: false }),
      response: { 201: InstructionResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentInstruction(await createInstruction(ctx, req.actor!, req.params.id, req.body))));

  app.get('/api/v1/tasks/:id/instructions', {
    config: { permission: 'task.read' },
    schema: { tags: ['instructions'], summary: 'The task’s instructions, oldest first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(InstructionResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await listInstructions(ctx, req.actor!, req.params.id)).map(presentInstruction) }));
}
