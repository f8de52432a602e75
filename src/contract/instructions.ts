/** Leaders' instructions (批示) on a task or one of its reports: `POST/GET /api/v1/tasks/:id/instructions`. */
import { Type, type Static } from 'typebox';
import { IdParams, Items, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';

/** The longest instruction, in characters. */
export const INSTRUCTION_MAX = 5000;

export const InstructionResponse = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  reportId: Nullable(Type.String()),
  authorId: Type.String(),
  text: Type.String(),
  createdAt: Type.String(),
});
export type InstructionResponse = Static<typeof InstructionResponse>;

export const CreateInstructionBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: INSTRUCTION_MAX }),
  reportId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
}, { additionalProperties: false });
export type CreateInstructionBody = Static<typeof CreateInstructionBody>;

export const instructionsEndpoints = {
  create: endpoint({ method: 'POST', path: '/api/v1/tasks/:id/instructions', params: IdParams, body: CreateInstructionBody, response: { 201: InstructionResponse } }),
  list: endpoint({ method: 'GET', path: '/api/v1/tasks/:id/instructions', params: IdParams, response: { 200: Items(InstructionResponse) } }),
};
