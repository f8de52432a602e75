/**
 * 调查研究 / 督促检查 (research and inspections), pure rules: kinds, states and their transitions, finding
 * severities, and what a finding's standing is (open, rectifying, rectified, not applicable). No I/O.
 */

/** 暗访 (unannounced visit), 专项督查 (special inspection), 调研 (research). */
export const INSPECTION_KINDS = ['unannounced', 'special', 'research'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_STATES = ['planned', 'in_progress', 'reporting', 'closed'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

/** 一般, 较重, 严重. */
export const FINDING_SEVERITIES = ['general', 'serious', 'grave'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** A 问题 found on a visit (becomes 整改), or a research report's recommendation (becomes a commitment). */
export const FINDING_SOURCES = ['finding', 'recommendation'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export const INSPECTION_ACTIONS = ['start', 'report', 'close', 'reopen'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

const MOVES: Readonly<Record<InspectionAction, { from: readonly InspectionState[]; to: InspectionState }>> = {
  start: { from: ['planned'], to: 'in_progress' },
  report: { from: ['in_progress'], to: 'reporting' },
  close: { from: ['reporting'], to: 'closed' },
  // A closed inspection reopens to reporting (a finding was missed); nothing before it is undone.
  reopen: { from: ['closed'], to: 'reporting' },
};

/** Where a finding stands: no task yet, its task open, its task closed (rectified), or accepted as not applicable. */
export type FindingStanding = 'open' | 'rectifying' | 'rectified' | 'not_applicable';

export function findingStanding(f: { taskState: string | null; notApplicable: boolean }): FindingStanding {
  if (f.notApplicable) return 'not_applicable';
  if (f.taskState === null) return 'open';
  return f.taskState === 'closed' ? 'rectified' : 'rectifying';
}

/** Whether the finding still keeps its inspection from closing. */
export const findingKeepsOpen = (s: FindingStanding) => s === 'open' || s === 'rectifying';

export type InspectionMove =
  | { ok: true; to: InspectionState }
  | { ok: false; code: 'invalid_transition' | 'inspection_open_findings'; message: string; openFindings?: number };

/** The state after `action`, or why not; closing needs every finding rectified or accepted as not applicable. */
export function moveInspection(from: InspectionState, action: InspectionAction, standings: readonly FindingStanding[]): InspectionMove {
  const move = MOVES[action];
  if (!move.from.includes(from)) return { ok: false, code: 'invalid_transition', message: `An inspection cannot ${action} while ${from}` };
  if (action === 'close') {
    const open = standings.filter(findingKeepsOpen).length;
    if (open > 0) {
      return { ok: false, code: 'inspection_open_findings', message: `${open} finding(s) are neither rectified nor accepted as not applicable`, openFindings: open };
    }
  }
  return { ok: true, to: move.to };
}

/** Visits and findings are recorded while the inspection runs or is being written up. */
export const acceptsFindings = (state: InspectionState) => state === 'in_progress' || state === 'reporting';

/** An unannounced visit's plan stays hidden from the units until it has been carried out. */
export const planRevealed = (kind: InspectionKind, state: InspectionState) => kind !== 'unannounced' || state === 'reporting' || state === 'closed';
