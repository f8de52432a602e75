/** Review and publish: a draft programme built from a document, edited by supervisors, published as tasks. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { applyDraftOperations, countNodes, draftFromDecomposition, includedSpans, repairTreeText, type DraftNode, type DraftOperation } from '../../../core/drafts/index.ts';
import { measureCoverage } from '../../../core/intake/index.ts';
import { cleanTitleText } from '../../../core/text.ts';
import { toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, notFound, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { displayTextOf, getDecomposition, getDocument, onRepairsAccepted } from '../documents/index.ts';
import { insertProgramme, programmeSupervisorIds } from '../programmes/index.ts';
import { unitSuggester, type Suggestion } from '../suggestions/index.ts';
import { applyTransition, insertPlannedTask, runTaskBatch } from '../tasks/index.ts';
import { canWorkOnDraft, draftScopeOf } from './drafts.policy.ts';
import * as repo from './drafts.repository.ts';
import type { Draft } from './drafts.repository.ts';
import { unitActivityOf } from '../units/index.ts';

export type { Draft } from './drafts.repository.ts';

export interface DraftView {
  draft: Draft;
  counts: { all: number; included: number };
  coverage: { directiveSentences: number; covered: number; uncovered: Array<{ span: [number, number]; text: string }> };
  /** Lead-unit suggestions per task node, best first (empty when no duty profile or past task matches). */
  suggestions: Map<string, Suggestion[]>;
}

/** A draft operation the server resolves before the pure tree code applies it. */
export type DraftEdit = DraftOperation | { op: 'acceptSuggestions'; ids: string[] };

const TASK_KINDS: ReadonlySet<string> = new Set(['task', 'subtask', 'manual']);

function* walkTree(nodes: readonly DraftNode[]): Generator<DraftNode> {
  for (const n of nodes) {
    yield n;
    yield* walkTree(n.children);
  }
}

async function suggestionsFor(ctx: AppContext, tree: readonly DraftNode[]): Promise<Map<string, Suggestion[]>> {
  const suggester = await unitSuggester(ctx);
  const out = new Map<string, Suggestion[]>();
  for (const n of walkTree(tree)) if (TASK_KINDS.has(n.kind)) out.set(n.id, suggester.suggest(n.title, n.keyPoints.map((k) => k.text)));
  return out;
}

async function view(ctx: AppContext, actor: Actor, draft: Draft): Promise<DraftView> {
  const doc = await getDocument(ctx, actor, draft.documentId);
  const decomposition = await getDecomposition(ctx, actor, draft.documentId);
  const coverage = measureCoverage(doc.text, decomposition.coverage.sentenceSpans, includedSpans(draft.tree));
  return { draft, counts: countNodes(draft.tree), coverage, suggestions: await suggestionsFor(ctx, draft.tree) };
}

/** A draft the actor may work on (its author, or a supervisor of the programme it publishes into), else 404. */
async function loadDraft(db: Kysely<DB>, actor: Actor, id: string): Promise<Draft> {
  const draft = await repo.findDraft(db, id);
  if (!draft) throw notFound('draft');
  const supervisorIds = draft.programmeId ? await programmeSupervisorIds(db, draft.programmeId) : [];
  if (!canWorkOnDraft(actor, draft, supervisorIds)) throw notFound('draft');
  return draft;
}

async function getOpenDraft(db: Kysely<DB>, actor: Actor, id: string): Promise<Draft> {
  const draft = await loadDraft(db, actor, id);
  if (draft.status !== 'open') throw conflict('draft_closed', `The draft is ${draft.status}`);
  return draft;
}

/** Starts a review from a document's automatic decomposition. */
export async function createDraft(ctx: AppContext, actor: Actor, documentId: string, input: { title?: string }): Promise<DraftView> {
  requirePermission(actor, 'programme.manage');
  const doc = await getDocument(ctx, actor, documentId);
  const decomposition = await getDecomposition(ctx, actor, documentId);
  const now = ctx.clock.now();
  const built = draftFromDecomposition(decomposition, () => newId(now.getTime()));
  const tree = doc.repairs.length ? repairTreeText(built, doc.text, displayTextOf(doc)) : built;
  const id = newId(now.getTime());
  const title = cleanTitleText(input.title ?? '', 300) ?? doc.title.slice(0, 300);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertDraft(trx, {
      id, document_id: documentId, title, tree_json: JSON.stringify(tree), status: 'open', programme_id: null,
      created_by: actor.kind === 'user' ? actor.id : null, created_at: now.toISOString(), updated_at: now.toISOString(),
    });
    await appendAudit(trx, actor, { action: 'draft.created', objectType: 'draft', objectId: id, after: { documentId, title, nodes: countNodes(tree) } }, now);
  });
  return view(ctx, actor, (await repo.findDraft(ctx.db, id))!);
}

export async function getDraft(ctx: AppContext, actor: Actor, id: string): Promise<DraftView> {
  requirePermission(actor, 'programme.manage');
  return view(ctx, actor, await loadDraft(ctx.db, actor, id));
}

/** The actor's draft scope as a WHERE clause on `programme_drafts`, for other modules' lists (the audit log). */
export function visibleDraftsWhere(actor: Actor) {
  const scope = draftScopeOf(actor);
  return (eb: ExpressionBuilder<DB, 'programme_drafts'>) => repo.visibleDraftWhere(eb, scope);
}

export async function listDrafts(ctx: AppContext, actor: Actor, filter: { documentId?: string; status?: string }): Promise<Draft[]> {
  requirePermission(actor, 'programme.manage');
  return repo.listDrafts(ctx.db, filter, draftScopeOf(actor));
}

/**
 * `acceptSuggestions` becomes one `update` per node that has a suggestion, setting its best suggested unit as lead
 * unit; nodes without one are left as they are.
 */
async function resolveEdits(ctx: AppContext, tree: readonly DraftNode[], edits: readonly DraftEdit[]): Promise<DraftOperation[]> {
  if (!edits.some((e) => e.op === 'acceptSuggestions')) return edits as DraftOperation[];
  const suggestions = await suggestionsFor(ctx, tree);
  const ops: DraftOperation[] = [];
  for (const e of edits) {
    if (e.op !== 'acceptSuggestions') {
      ops.push(e);
      continue;
    }
    for (const nodeId of e.ids) {
      const best = suggestions.get(nodeId)?.[0];
      if (best) ops.push({ op: 'update', ids: [nodeId], leadUnitId: best.unitId, coUnitIds: [] });
    }
  }
  return ops;
}

/** Applies review edits atomically; a stale version is a 409, a bad edit a 400 naming the operation. */
export async function editDraft(ctx: AppContext, actor: Actor, id: string, input: { version: number; title?: string; operations: DraftEdit[] }): Promise<DraftView> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  // The document's text never changes, so it is read before the transaction: on SQLite a query outside the
  // transaction's connection would wait for it forever. Suggestions are worked out from the same version of the
  // tree, which the transaction then checks.
  const current = await getOpenDraft(ctx.db, actor, id);
  const doc = await getDocument(ctx, actor, current.documentId);
  const operations = await resolveEdits(ctx, current.tree, input.operations);
  await ctx.db.transaction().execute(async (trx) => {
    const draft = await getOpenDraft(trx, actor, id);
    if (draft.version !== input.version) throw versionConflict('draft', draft.version);
    const result = applyDraftOperations(draft.tree, operations, doc.text, () => newId(now.getTime()));
    if (!result.ok) throw new AppError(result.code, result.message, result.code === 'node_not_found' ? 404 : 400);
    await requireUnitsExist(trx, result.tree);
    const title = input.title === undefined ? undefined : cleanTitleText(input.title, 300);
    if (title === null) throw badRequest('invalid_title', 'The title must have 1–300 characters, at least one of them visible');
    if (!(await repo.updateDraftRow(trx, id, { tree: result.tree, ...(title ? { title } : {}) }, now, draft.version))) {
      throw versionConflict('draft', await currentVersion(trx, 'programme_drafts', id));
    }
    await appendAudit(trx, actor, { action: 'draft.edited', objectType: 'draft', objectId: id, context: { operations, ...(title ? { title } : {}) } }, now);
  });
  return getDraft(ctx, actor, id);
}

async function requireUnitsExist(db: Kysely<DB>, tree: DraftNode[]): Promise<void> {
  const ids = new Set<string>();
  const walk = (nodes: DraftNode[]) => nodes.forEach((n) => {
    if (n.leadUnitId) ids.add(n.leadUnitId);
    n.coUnitIds.forEach((u) => ids.add(u));
    walk(n.children);
  });
  walk(tree);
  if (ids.size === 0) return;
  const activity = await unitActivityOf(db, [...ids]);
  if ([...ids].some((u) => activity.get(u) !== true)) throw badRequest('unit_not_found', 'Every unit must exist and be active');
}

export interface PublishResult {
  programmeId: string;
  tasks: number;
  /** With `assign: true`: the tasks handed to their lead units (交办) in the same transaction. */
  assigned: Array<{ taskId: string; title: string; leadUnitId: string }>;
  /** …and those left in draft, each with the reason: `no_lead_unit`, `no_due_date`, `due_date_past`. */
  skipped: Array<{ taskId: string; title: string; code: 'no_lead_unit' | 'no_due_date' | 'due_date_past' }>;
}

/**
 * Publishing creates the programme and its tasks (in draft state) from the included nodes. With `assign: true`
 * every included task that has a lead unit and a due date from today on is also assigned, in the same transaction
 * and as one batch, so each unit hears of its new tasks in one message; the others are listed as skipped. Work
 * areas without a lead unit are containers, not skipped tasks.
 */
export async function publishDraft(ctx: AppContext, actor: Actor, id: string, input: { version: number; title?: string; supervisorIds?: string[]; assign?: boolean }): Promise<PublishResult> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  const today = toLocalDate(now);
  return ctx.db.transaction().execute(async (trx) => {
    const draft = await getOpenDraft(trx, actor, id);
    if (draft.version !== input.version) throw versionConflict('draft', draft.version);
    if (countNodes(draft.tree).included === 0) throw conflict('draft_empty', 'Include at least one item before publishing');
    // The author keeps the programme their draft becomes unless they name its supervisors themselves.
    const supervisorIds = input.supervisorIds ?? (draft.createdBy ? [draft.createdBy] : undefined);
    const programmeId = await insertProgramme(trx, actor, { title: input.title?.trim() || draft.title, supervisorIds, documentIds: [draft.documentId] }, now);
    const created: Array<{ taskId: string; node: DraftNode; topLevel: boolean }> = [];
    // An included node under a left-out parent hangs from the nearest included ancestor, or becomes a work area.
    const publish = async (nodes: DraftNode[], parentId: string | null) => {
      for (const n of nodes) {
        if (!n.included) {
          await publish(n.children, parentId);
          continue;
        }
        const taskId = await insertPlannedTask(trx, {
          programmeId,
          parentId,
          label: n.label,
          title: n.title,
          leadUnitId: n.leadUnitId,
          coUnits: n.coUnitIds.map((unitId) => ({ unitId, part: null })),
          dueDate: n.dueDate,
          tags: n.tags,
          targets: n.targets,
          keyPoints: n.keyPoints,
          source: n.span ? { documentId: draft.documentId, start: n.span[0], end: n.span[1] } : null,
        }, now);
        created.push({ taskId, node: n, topLevel: parentId === null });
        await publish(n.children, taskId);
      }
    };
    await publish(draft.tree, null);
    const tasks = created.length;
    if (!(await repo.updateDraftRow(trx, id, { status: 'published', programmeId }, now, draft.version))) {
      throw versionConflict('draft', await currentVersion(trx, 'programme_drafts', id));
    }
    await appendAudit(trx, actor, { action: 'programme.created', objectType: 'programme', objectId: programmeId, after: { title: input.title?.trim() || draft.title, fromDraft: id, tasks } }, now);
    await appendAudit(trx, actor, { action: 'draft.published', objectType: 'draft', objectId: id, after: { programmeId, tasks, assign: input.assign === true } }, now);

    const assigned: PublishResult['assigned'] = [];
    const skipped: PublishResult['skipped'] = [];
    if (input.assign) {
      await runTaskBatch(trx, ctx, async () => {
        for (const { taskId, node, topLevel } of created) {
          if (!node.leadUnitId) {
            if (!(topLevel && node.children.some((c) => c.included))) skipped.push({ taskId, title: node.title, code: 'no_lead_unit' });
            continue;
          }
          if (!node.dueDate) skipped.push({ taskId, title: node.title, code: 'no_due_date' });
          else if (node.dueDate < today) skipped.push({ taskId, title: node.title, code: 'due_date_past' });
          else {
            await applyTransition(trx, ctx, actor, taskId, { action: 'assign', version: 1, leadUnitId: node.leadUnitId, coUnits: node.coUnitIds.map((unitId) => ({ unitId, part: null })), dueDate: node.dueDate }, now);
            assigned.push({ taskId, title: node.title, leadUnitId: node.leadUnitId });
          }
        }
      });
    }
    return { programmeId, tasks, assigned, skipped };
  });
}

/** Carries a document's newly accepted repairs into the titles of its open drafts, in the same transaction. */
export function registerDraftRepairs(ctx: AppContext): void {
  onRepairsAccepted(ctx, async (trx, e) => {
    const now = ctx.clock.now();
    // Every open draft of the document follows its text, whoever is reviewing it.
    for (const draft of await repo.listDrafts(trx, { documentId: e.documentId, status: 'open' }, { all: true })) {
      const tree = repairTreeText(draft.tree, e.original, e.display);
      if (JSON.stringify(tree) === JSON.stringify(draft.tree)) continue;
      if (!(await repo.updateDraftRow(trx, draft.id, { tree }, now, draft.version))) {
        throw conflict('version_conflict', 'A draft of this document was changed at the same time; try again');
      }
      await appendAudit(trx, e.actor, { action: 'draft.repaired', objectType: 'draft', objectId: draft.id, context: { documentId: e.documentId } }, now);
    }
  });
}

export async function discardDraft(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const draft = await getOpenDraft(trx, actor, id);
    if (!(await repo.updateDraftRow(trx, id, { status: 'discarded' }, now, version))) {
      throw versionConflict('draft', await currentVersion(trx, 'programme_drafts', id));
    }
    await appendAudit(trx, actor, { action: 'draft.discarded', objectType: 'draft', objectId: id, before: { status: draft.status } }, now);
  });
}
