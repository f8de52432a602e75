/** Shared shapes of the intake engine. Offsets are UTF-16 code-unit offsets into the original text, end exclusive. */

export type Span = [number, number];

export type Script = 'hans' | 'hant' | 'mixed';

export type ItemKind =
  | 'section' // a heading that groups other items (一、2025年工作回顾)
  | 'area' // a work area: the first level of commitments (一要…, （一）…)
  | 'principle' // guidance announced as 把握以下几点 / 原则; kept whole, no tasks inside
  | 'goal' // targets announced as 目标 / 指标; kept whole
  | 'requirement' // 总体要求 / 总的要求 / 指导思想; kept whole
  | 'review' // an enumerated point looking back (一年来，主要做了以下工作。一是…)
  | 'paragraph' // an unlabelled paragraph that holds directive clauses
  | 'task'
  | 'subtask';

export type TargetDirection = 'increase' | 'decrease' | 'maintain' | 'around' | 'at_least' | 'at_most';

export interface Target {
  /** The matched expression as written (original script). */
  text: string;
  span: Span;
  /** What is measured, as written (e.g. 地区生产总值), or null when the clause does not say. */
  metric: string | null;
  value: number;
  /** Upper end of a range such as 4.5%-5%. */
  valueMax: number | null;
  /** Unit as written after the number, including a 万/亿 multiplier (%, 公里, 万人, 亿元 …). */
  unit: string;
  /** The bound if the text gives one (around/at_least/at_most), otherwise the trend. */
  direction: TargetDirection;
  /** The movement the verb asks for, independent of the bound. */
  trend: 'increase' | 'decrease' | 'maintain' | null;
}

/** What a clause asks for (see classify.ts): only deployments become tasks by default. */
export type ItemClass = 'deployment' | 'requirement' | 'outcome';

/** A clause that only elaborates its task (稳定和扩大传统消费 under 加快建设国际消费中心城市). */
export interface KeyPoint {
  text: string;
  span: Span;
}

export interface DecomposedItem {
  /** The enumeration marker as written (一要, （三）, 1.), or null for an unlabelled item. */
  label: string | null;
  kind: ItemKind;
  /** In the original script, without the label and trailing punctuation. */
  title: string;
  /** Starts at the label (or at the title when there is none). */
  span: Span;
  children: DecomposedItem[];
  /** Tag names from the taxonomy, most frequent first. */
  tags: string[];
  targets: Target[];
  /** ISO date (YYYY-MM-DD) of a deadline stated in the item's own words, or null. */
  deadline: string | null;
  /** The words the deadline was read from. */
  deadlineText: string | null;
  places: string[];
  bodies: string[];
  /** For commitments (tasks, sub-tasks, enumerated items): deployment, requirement or outcome; null for containers. */
  class: ItemClass | null;
  /** The words that decided a requirement or outcome (正视, 获得感 …); null for deployments and containers. */
  classCue: string | null;
  /** Clauses folded into this task because they only elaborate it, with their spans. */
  keyPoints: KeyPoint[];
  /**
   * True for a paragraph that sums up the work areas again (全会强调，要……坚持……) and for its clauses: their
   * deployments repeat tasks already listed, so they are context, not new work.
   */
  restatement: boolean;
  /** The work area whose words this clause repeats (label and title), or null. */
  repeats: { label: string | null; title: string } | null;
}

export interface MeetingFacts {
  members: number | null;
  alternates: number | null;
  span: Span;
}

export interface DocumentInfo {
  title: string | null;
  /** The year the document plans for (see planningYearOf): relative deadlines such as 年底前 are dated in it. */
  planningYear: number | null;
  titleSpan: Span | null;
  issuer: string | null;
  /** ISO date of the document (adoption/delivery date), or null. */
  date: string | null;
  script: Script;
  encoding: string;
  /** Length of the original text in UTF-16 code units. */
  length: number;
  meeting: MeetingFacts | null;
}

export interface Appendix {
  title: string;
  span: Span;
  /** An appendix that lists work (附件1 2026年十件民生实事：一、…十、) decomposed like the body; empty otherwise. */
  items: DecomposedItem[];
}

/** A term explained by the document (附件 名词解释), shown where it occurs in the text; never a task. */
export interface GlossaryEntry {
  term: string;
  definition: string;
  /** The whole entry in the original text. */
  span: Span;
}

export interface Formulation {
  /** As written in the document at its first occurrence. */
  text: string;
  /** The Simplified, punctuation-normalised form used to compare documents. */
  key: string;
  kind: 'quoted' | 'numbered' | 'phrase';
  count: number;
  spans: Span[];
}

export interface Coverage {
  directiveSentences: number;
  covered: number;
  uncovered: Array<{ span: Span; text: string }>;
  /** Every directive sentence, so a caller can recompute coverage after editing the tree (see measureCoverage). */
  sentenceSpans: Span[];
}

export interface Decomposition {
  document: DocumentInfo;
  items: DecomposedItem[];
  appendices: Appendix[];
  glossary: GlossaryEntry[];
  formulations: Formulation[];
  coverage: Coverage;
}

export interface AreaRef {
  label: string | null;
  title: string;
  tags: string[];
}

export interface Comparison {
  a: { title: string | null; date: string | null };
  b: { title: string | null; date: string | null };
  formulations: {
    new: Array<{ key: string; text: string; count: number }>;
    dropped: Array<{ key: string; text: string; count: number }>;
    continued: Array<{ key: string; textA: string; textB: string; countA: number; countB: number }>;
  };
  areas: {
    new: AreaRef[];
    dropped: AreaRef[];
    continued: Array<{ a: AreaRef; b: AreaRef; similarity: number }>;
  };
  tags: {
    new: string[];
    dropped: string[];
    continued: Array<{ tag: string; countA: number; countB: number }>;
  };
}

export interface Repair {
  span: Span;
  from: string;
  to: string;
  reason: string;
  /** high: OpenCC's usual Traditional form of the character; low: a form chosen by a phrase, check it. */
  confidence: 'high' | 'low';
}
