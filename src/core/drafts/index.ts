/** The draft-programme core: building the editable tree and applying review edits. */
export { applyDraftOperation, applyDraftOperations, countNodes, draftFromDecomposition, includedSpans, repairTreeText, titleFromText } from './draft-tree.ts';
export type { DraftErrorCode, DraftNode, DraftOperation, DraftResult } from './draft-tree.ts';
