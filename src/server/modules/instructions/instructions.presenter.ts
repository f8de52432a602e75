/** Instruction → API shape. */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { Instruction } from './instructions.repository.ts';

export const InstructionResponse = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  reportId: Nullable(Type.String()),
  authorId: Type.String(),
  text: Type.String(),
  createdAt: Type.String(),
});
export type InstructionResponse = Static<typeof InstructionResponse>;

export function presentInstruction(i: Instruction): InstructionResponse {
  return { id: i.id, taskId: i.taskId, reportId: i.reportId, authorId: i.authorId, text: i.text, createdAt: i.createdAt.toISOString() };
}
