/** The instructions module's public surface: other modules import only from here. */
export { instructionRoutes } from './instructions.routes.ts';
export { createInstruction, listInstructions } from './instructions.service.ts';
export { listInstructionsOfTask } from './instructions.repository.ts';
export { mayGiveInstructions, mayInstructOn } from './instructions.policy.ts';
export type { Instruction } from './instructions.repository.ts';
export { instructionsGivenBetween } from './instruction-timeliness.repository.ts';
export { instructionSummaries, instructionWhere, type InstructionWhere } from './instruction-subqueries.repository.ts';
