/** Instruction → API shape. */
import type { InstructionResponse } from '../../../contract/instructions.ts';
import type { Instruction } from './instructions.repository.ts';

export function presentInstruction(i: Instruction): InstructionResponse {
  return { id: i.id, taskId: i.taskId, reportId: i.reportId, authorId: i.authorId, text: i.text, createdAt: i.createdAt.toISOString() };
}
