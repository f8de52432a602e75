/**
 * Importing tasks from a spreadsheet into a programme: every row is checked first and every problem named with the
 * spreadsheet's own row and column; only a file without problems is applied, all rows in one transaction (with an
 * audit event per created task and work area), so nothing is ever half-imported. A dry run stops after the check.
 */
import type { Kysely } from 'kysely';
import type { ImportProblem, ImportResult } from '../../../contract/exports.ts';
import { cleanTitleText } from '../../../core/text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { areasOfProgramme, insertPlannedTask, normaliseTitle, refreshTaskAndAncestors, requireProgrammeSupervisor, taskTitleKeysOf } from '../tasks/index.ts';
import { activeUnitNames } from '../units/index.ts';
import { activeUsersOfUnits } from '../users/index.ts';
import { DATA_FIELDS, type ImportField } from './import-columns.ts';
import { readImportFile, type ParsedSheet } from './import-read.ts';
import { cellText, nameKey, parseDateCell, splitList } from './import-values.ts';

export interface ImportRow {
  sheet: string | null;
  row: number;
  area: string;
  title: string;
  leadUnitId: string | null;
  coUnitIds: string[];
  ownerUserId: string | null;
  startDate: string | null;
  dueDate: string | null;
  description: string | null;
  tags: string[];
}

export type ImportProgress = (done: number, total: number) => void;

interface Checked {
  format: 'xlsx' | 'csv';
  columns: ImportResult['columns'];
  rows: ImportRow[];
  problems: ImportProblem[];
  newAreas: string[];
  areaIds: Map<string, string>;
}

/** Reads and checks the file against the programme: units, people, dates, titles, duplicates, areas. */
async function checkFile(db: Kysely<DB>, programmeId: string, bytes: Uint8Array): Promise<Checked> {
  const { format, sheets } = await readImportFile(bytes);
  const [units, areas, existing] = await Promise.all([activeUnitNames(db), areasOfProgramme(db, programmeId), taskTitleKeysOf(db, programmeId)]);
  const unitByName = new Map(units.map((u) => [nameKey(u.name), u.id]));
  const areaIds = new Map(areas.map((a) => [nameKey(a.title), a.id]));
  const people = await activeUsersOfUnits(db, units.map((u) => u.id));
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  const newAreas: string[] = [];
  const columns: ImportResult['columns'] = [];

  for (const sheet of sheets) {
    for (const c of sheet.columns) if (!columns.some((x) => x.header === c.header)) columns.push({ header: c.header, field: c.field && (DATA_FIELDS as readonly string[]).includes(c.field) ? c.field : null });
    if (sheet.index.area === undefined && !sheet.defaultArea) {
      problems.push({ ...(sheet.sheet ? { sheet: sheet.sheet } : {}), row: 1, column: null, code: 'missing_column', message: 'The file has no 工作方面 (work area) column' });
      continue;
    }
    for (const r of sheet.rows) {
      const get = (f: ImportField) => (sheet.index[f] === undefined ? '' : cellText(r.cells[sheet.index[f]!] ?? null));
      const raw = (f: ImportField) => (sheet.index[f] === undefined ? null : (r.cells[sheet.index[f]!] ?? null));
      if (DATA_FIELDS.every((f) => get(f) === '')) continue;
      const problem = (field: ImportField | null, code: string, message: string, params?: Record<string, string | number>) =>
        problems.push({ ...(sheet.sheet ? { sheet: sheet.sheet } : {}), row: r.row, column: field === null ? null : headerOf(sheet, field), code, message, ...(params ? { params } : {}) });

      const titleText = get('title');
      const title = titleText ? cleanTitleText(titleText, 500) : null;
      if (!titleText) problem('title', 'missing_title', 'The task has no title');
      else if (!title) problem('title', 'bad_title', 'A title has 1–500 characters, at least one of them visible');

      const areaText = get('area') || sheet.defaultArea || '';
      const area = areaText ? cleanTitleText(areaText, 500) : null;
      if (!areaText) problem('area', 'missing_area', 'The row names no work area (工作方面)');
      else if (!area) problem('area', 'bad_area', 'A work area has 1–500 characters, at least one of them visible');
      else if (!areaIds.has(nameKey(area)) && !newAreas.some((a) => nameKey(a) === nameKey(area))) newAreas.push(area);

      const leadName = get('leadUnit');
      const leadUnitId = leadName ? (unitByName.get(nameKey(leadName)) ?? null) : null;
      if (leadName && !leadUnitId) problem('leadUnit', 'unknown_unit', `No active unit is named “${leadName}”`, { value: leadName });
      const coUnitIds: string[] = [];
      for (const name of splitList(get('coUnits'))) {
        const id = unitByName.get(nameKey(name));
        if (!id) problem('coUnits', 'unknown_unit', `No active unit is named “${name}”`, { value: name });
        else if (id === leadUnitId) problem('coUnits', 'co_unit_is_lead', `“${name}” is the lead unit; it cannot also be a co-unit`, { value: name });
        else if (!coUnitIds.includes(id)) coUnitIds.push(id);
      }

      const ownerName = get('owner');
      let ownerUserId: string | null = null;
      if (ownerName) {
        const matches = people.filter((p) => p.unitId === leadUnitId && (nameKey(p.displayName) === nameKey(ownerName) || p.username === ownerName));
        if (!leadUnitId) problem('owner', 'owner_without_unit', 'A responsible person needs a lead unit');
        else if (matches.length !== 1) problem('owner', 'unknown_owner', matches.length ? `More than one person in the lead unit is called “${ownerName}”; use the user name` : `Nobody in the lead unit is called “${ownerName}”`, { value: ownerName });
        else ownerUserId = matches[0]!.id;
      }

      const date = (field: 'dueDate' | 'startDate') => {
        const v = raw(field);
        if (v === null || cellText(v) === '') return null;
        const iso = parseDateCell(v);
        if (!iso) problem(field, 'bad_date', `“${cellText(v)}” is not a date (write 2024-06-30, 2024/6/30, 2024年6月30日 or 2024年6月底)`, { value: cellText(v) });
        return iso;
      };
      const startDate = date('startDate');
      const dueDate = date('dueDate');
      if (startDate && dueDate && startDate > dueDate) problem('startDate', 'start_after_due', 'The start date is after the due date');

      if (title && area) {
        const key = `${nameKey(area)}\u0000${normaliseTitle(title)}`;
        const first = seen.get(key);
        if (first !== undefined) problem('title', 'duplicate_in_file', `The same task appears in row ${first} of the file`, { firstRow: first });
        else seen.set(key, r.row);
        if (existing.has(normaliseTitle(title))) problem('title', 'duplicate_existing', 'The programme already has a task with this title');
      }
      if (title && area) {
        rows.push({
          sheet: sheet.sheet, row: r.row, area, title, leadUnitId, coUnitIds, ownerUserId, startDate, dueDate,
          description: get('description') || null,
          tags: splitList(get('tags')).map((t) => t.slice(0, 50)).slice(0, 50),
        });
      }
    }
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 1, column: null, code: 'no_rows', message: 'The file has a header but no task rows' });
  return { format, columns, rows, problems, newAreas, areaIds };
}

function headerOf(sheet: ParsedSheet, field: ImportField): string {
  const i = sheet.index[field];
  return i === undefined ? field : (sheet.columns.find((c) => c.field === field)?.header ?? field);
}

/**
 * Checks the file and, unless `dryRun` or a problem was found, creates every task in one transaction. The result
 * lists every problem either way; with problems nothing is written.
 */
export async function importTasks(
  ctx: AppContext,
  actor: Actor,
  input: { programmeId: string; bytes: Uint8Array; dryRun: boolean },
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  requirePermission(actor, 'programme.manage');
  await requireProgrammeSupervisor(ctx.db, actor, input.programmeId);
  const checked = await checkFile(ctx.db, input.programmeId, input.bytes);
  const base = { format: checked.format, rows: checked.rows.length, columns: checked.columns, problems: checked.problems, createdAreas: checked.newAreas };
  if (input.dryRun || checked.problems.length) {
    return { ...base, dryRun: input.dryRun, applied: false, created: checked.problems.length ? 0 : checked.rows.length, taskIds: [] };
  }
  const now = ctx.clock.now();
  const taskIds = await ctx.db.transaction().execute(async (trx) => {
    await requireProgrammeSupervisor(trx, actor, input.programmeId);
    const areaIds = new Map(checked.areaIds);
    for (const title of checked.newAreas) {
      const id = await insertPlannedTask(trx, { programmeId: input.programmeId, title }, now);
      areaIds.set(nameKey(title), id);
      await appendAudit(trx, actor, { action: 'task.created', objectType: 'task', objectId: id, after: { id, title, kind: 'area' }, context: { via: 'import' } }, now);
    }
    const ids: string[] = [];
    for (const r of checked.rows) {
      const areaId = areaIds.get(nameKey(r.area))!;
      try {
        const id = await insertPlannedTask(trx, {
          programmeId: input.programmeId, parentId: areaId, title: r.title, description: r.description, leadUnitId: r.leadUnitId,
          coUnits: r.coUnitIds.map((unitId) => ({ unitId, part: null })), ownerUserId: r.ownerUserId, startDate: r.startDate, dueDate: r.dueDate, tags: r.tags,
        }, now);
        ids.push(id);
        await appendAudit(trx, actor, { action: 'task.created', objectType: 'task', objectId: id, after: { id, ...r }, context: { via: 'import', row: r.row } }, now);
      } catch (err) {
        // Something changed since the check (a unit deactivated meanwhile): name the row, write nothing.
        if (err instanceof AppError) throw new AppError('import_failed', `Row ${r.row}: ${err.message}`, 409, { row: r.row, code: err.code });
        throw err;
      }
      onProgress?.(ids.length, checked.rows.length);
    }
    for (const areaId of new Set(checked.rows.map((r) => areaIds.get(nameKey(r.area))!))) await refreshTaskAndAncestors(trx, areaId, now);
    await appendAudit(trx, actor, { action: 'programme.tasks_imported', objectType: 'programme', objectId: input.programmeId, after: { created: ids.length, areas: checked.newAreas } }, now);
    return ids;
  });
  return { ...base, dryRun: false, applied: true, created: taskIds.length, taskIds };
}
