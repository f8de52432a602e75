/**
 * The 台账 as an export sees it: the ledger's own rows (same filters, same SQL scope as `GET /api/v1/tasks`),
 * grouped into one section per work area, with names, the latest report and remarks resolved. Shared by the XLSX and
 * CSV writers and the CLI.
 */
import { calendarDaysBetween, DEFAULT_TZ, toLocalDate } from '../../../core/time.ts';
import type { ExportLang } from '../../../contract/exports.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getProgramme } from '../programmes/index.ts';
import { latestSubmittedReports, visibleReportsWhere } from '../reports/index.ts';
import { areaHeadingsOf, listTasks, type LedgerFilter, type Task } from '../tasks/index.ts';
import { LEDGER_WORDS, type LedgerWords } from './export-labels.ts';
import { displayNamesOf } from '../users/index.ts';
import { unitNamesById } from '../units/index.ts';

/** More rows than this are refused: narrow the filter (a sheet of 50,000 tasks is no longer a ledger anyone reads). */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 1000;

export type LedgerExportFilter = Omit<LedgerFilter, 'limit' | 'offset'>;

export interface LedgerLine {
  task: Task;
  /** 序号 within the sheet: 1, 2 … and 1.1 for a sub-task under task 1 (in the default order). */
  number: string;
  leadUnit: string;
  coUnits: string;
  owner: string;
  /** State word and progress, e.g. 推进中 60%. */
  progressText: string;
  healthWord: string;
  latestReport: string;
  remarks: string;
  overdue: boolean;
}

export interface LedgerSection {
  areaId: string;
  areaTitle: string;
  lines: LedgerLine[];
}

export interface LedgerExport {
  lang: ExportLang;
  words: LedgerWords;
  programmeTitle: string | null;
  /** The document's title: programme + 工作台账, with a note when filtered or a selection. */
  title: string;
  asOf: string;
  sections: LedgerSection[];
  rowCount: number;
}

export type Progress = (done: number, total: number) => void;

function isFiltered(f: LedgerExportFilter): boolean {
  return Boolean(f.areaId || f.parentId || f.unitId || f.health?.length || f.state?.length || f.kind?.length || f.tag || f.dueFrom || f.dueTo || f.q?.trim());
}

/** Every matching row, read page by page through the ledger's own query. */
export async function loadRows(ctx: AppContext, actor: Actor, filter: LedgerExportFilter, onProgress?: Progress): Promise<Task[]> {
  // Work areas are the sheets' headings, not rows, unless the caller asked for them by kind.
  const kind = filter.kind?.length ? filter.kind : ['task', 'subtask'];
  const rows: Task[] = [];
  // The ledger counts on its first page only; the count bounds the export and drives the progress bar.
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await listTasks(ctx, actor, { ...filter, kind, limit: PAGE, offset });
    if (page.total !== null) total = page.total;
    if (total > MAX_EXPORT_ROWS) {
      throw new AppError('export_too_large', `${total} rows match; an export holds at most ${MAX_EXPORT_ROWS}. Narrow the filter.`, 422, { total, max: MAX_EXPORT_ROWS });
    }
    rows.push(...page.items);
    total = Math.max(total, rows.length);
    onProgress?.(rows.length, total);
    if (!page.hasMore) return rows;
  }
}

/** Orders a section's rows as a tree (sub-tasks under their task) and numbers them 1, 1.1, 2 … */
function numberAsTree(tasks: Task[]): Array<{ task: Task; number: string }> {
  const ids = new Set(tasks.map((t) => t.id));
  const children = new Map<string, Task[]>();
  const roots: Task[] = [];
  for (const t of tasks) {
    if (t.parentId && ids.has(t.parentId)) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
    else roots.push(t);
  }
  const out: Array<{ task: Task; number: string }> = [];
  const walk = (list: Task[], prefix: string) => {
    list.forEach((t, i) => {
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      out.push({ task: t, number });
      walk(children.get(t.id) ?? [], number);
    });
  };
  walk(roots, '');
  return out;
}

/** Loads and shapes the ledger for an export; the caller sees exactly the rows the ledger shows them. */
export async function loadLedgerExport(
  ctx: AppContext,
  actor: Actor,
  input: { filter: LedgerExportFilter; lang?: ExportLang },
  onProgress?: Progress,
): Promise<LedgerExport> {
  requirePermission(actor, 'ledger.export');
  const lang = input.lang ?? 'zh-Hans';
  const words = LEDGER_WORDS[lang];
  const filter = input.filter;
  if (filter.ids && filter.ids.length > 1000) throw new AppError('selection_too_large', 'A selection holds at most 1,000 tasks; export by filter instead', 400);
  const programme = filter.programmeId ? await getProgramme(ctx, actor, filter.programmeId) : null;
  const tasks = await loadRows(ctx, actor, filter, onProgress);

  const now = ctx.clock.now();
  const today = toLocalDate(now, DEFAULT_TZ);
  const [units, owners, areas, reports] = await Promise.all([
    unitNamesById(ctx.db),
    displayNamesOf(ctx.db, tasks.flatMap((t) => (t.ownerUserId ? [t.ownerUserId] : []))),
    areaHeadingsOf(ctx.db, tasks.map((t) => t.areaId)),
    latestSubmittedReports(ctx.db, tasks.map((t) => t.id), visibleReportsWhere(actor)),
  ]);

  const bySection = new Map<string, Task[]>();
  for (const t of tasks) bySection.set(t.areaId, [...(bySection.get(t.areaId) ?? []), t]);
  const treeOrder = (filter.sort ?? 'ordinal') === 'ordinal';
  const sectionIds = [...bySection.keys()];
  if (treeOrder) sectionIds.sort((a, b) => (areas.get(a)?.ordinal ?? 0) - (areas.get(b)?.ordinal ?? 0));

  const sections: LedgerSection[] = sectionIds.map((areaId) => {
    const list = bySection.get(areaId)!;
    const numbered = treeOrder ? numberAsTree(list) : list.map((task, i) => ({ task, number: String(i + 1) }));
    return {
      areaId,
      areaTitle: areas.get(areaId)?.title ?? words.noArea,
      lines: numbered.map(({ task: t, number }) => {
        const open = t.state !== 'closed' && t.state !== 'draft';
        const overdueBy = open && t.state !== 'suspended' && t.dueDate && t.dueDate < today ? calendarDaysBetween(t.dueDate, today) : 0;
        const report = reports.get(t.id);
        const remarks: string[] = [];
        if (overdueBy > 0) remarks.push(words.overdueDays(overdueBy));
        if (t.pendingExtension) remarks.push(words.pendingExtension(t.pendingExtension.newDueDate));
        if (t.state === 'suspended' && t.reviewDate) remarks.push(words.suspendedUntil(t.reviewDate));
        const summary = t.healthDetail?.summary[lang];
        if (summary && (t.health === 'red' || t.health === 'yellow')) remarks.push(summary);
        return {
          task: t,
          number,
          leadUnit: t.leadUnitId ? (units.get(t.leadUnitId) ?? '') : '',
          coUnits: t.coUnits.map((c) => units.get(c.unitId) ?? '').filter(Boolean).join('、'),
          owner: t.ownerUserId ? (owners.get(t.ownerUserId) ?? '') : '',
          progressText: `${words.state[t.state]} ${Math.round(t.progress)}%`,
          healthWord: words.health[t.health],
          latestReport: report ? `${toLocalDate(new Date(report.submittedAt), DEFAULT_TZ)} ${report.text}` : '',
          remarks: remarks.join('；'),
          overdue: overdueBy > 0,
        };
      }),
    };
  });

  const base = words.ledgerTitle(programme?.title ?? words.allProgrammes);
  const note = filter.ids ? words.selection(tasks.length) : isFiltered(filter) ? words.filtered : '';
  return { lang, words, programmeTitle: programme?.title ?? null, title: `${base}${note}`, asOf: today, sections, rowCount: tasks.length };
}

/** A file name for the export: programme (or 全部) + 台账 + date, the characters file systems refuse replaced. */
export function ledgerFileName(data: LedgerExport, ext: 'xlsx' | 'csv'): string {
  const base = `${data.programmeTitle ?? data.words.allProgrammes}${data.lang === 'en' ? ' ledger' : data.lang === 'zh-Hant' ? '臺賬' : '台账'}-${data.asOf}`;
  const safe = [...base].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return `${safe.slice(0, 120)}.${ext}`;
}
