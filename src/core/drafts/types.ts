/** The draft tree's node shape, in a file of its own so the browser can import it without the engine. */
import type { ItemClass, ItemKind, KeyPoint, Span, Target } from '../intake/types.ts';

export interface DraftNode {
  id: string;
  label: string | null;
  kind: ItemKind | 'manual';
  title: string;
  /** Exact span in the document's original text, or null for a node added by hand. */
  span: Span | null;
  /** Only included nodes become tasks when the draft is published. */
  included: boolean;
  /** What the engine read the clause as (deployment, requirement, outcome); null for containers. */
  class: ItemClass | null;
  /** The words that decided a requirement or an outcome. */
  classCue: string | null;
  /** Clauses that elaborate this task; they become the task's key points. */
  keyPoints: KeyPoint[];
  /** Part of a paragraph that restates the work areas (context, not new work). */
  restatement: boolean;
  /** The work area this clause repeats, if any. */
  repeats: { label: string | null; title: string } | null;
  tags: string[];
  targets: Target[];
  /** The deadline the engine read in the text; `dueDate` is what the reviewer set (defaults to it). */
  deadline: string | null;
  dueDate: string | null;
  leadUnitId: string | null;
  coUnitIds: string[];
  children: DraftNode[];
}
