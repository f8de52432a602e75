/** The intake engine: pure functions from document text to a decomposition. The only module other code imports. */
export { decompose, measureCoverage } from './decompose.ts';
export type { DecomposeOptions } from './decompose.ts';
export { compareDocuments } from './compare.ts';
export type { AreaRef, Comparison, Segmenter } from './compare.ts';
export { applyRepairs, proposeRepairs } from './repair.ts';
export type { Repair } from './repair.ts';
export { detectScript, toScript } from './script.ts';
export { analyseText, originalOffset, originalSpan } from './normalise.ts';
export { defaultTraditional } from './opencc.ts';
export type { AnalysisText } from './normalise.ts';
export { findFormulations } from './formulations.ts';
export { findTargets } from './targets.ts';
export { findDeadline, findDates, planningYearOf } from './dates.ts';
export { classifyClause } from './classify.ts';
export type { ClauseClass } from './classify.ts';
export { DEFAULT_TAXONOMY } from './taxonomy.ts';
export type { Taxonomy, TaxonomyTag } from './taxonomy.ts';
export type {
  Appendix,
  Coverage,
  DecomposedItem,
  Decomposition,
  DocumentInfo,
  Formulation,
  GlossaryEntry,
  ItemClass,
  ItemKind,
  KeyPoint,
  MeetingFacts,
  Script,
  Span,
  Target,
  TargetDirection,
} from './types.ts';
