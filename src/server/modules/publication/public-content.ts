/**
 * Builds exactly what the public sees of a published programme. The same function answers the supervisors'
 * preview, the JSON API, the HTML pages and the feed, so the preview cannot drift from the real thing.
 */
import type { Kysely } from 'kysely';
import type { PublicArea, PublicProgramme, PublicProgrammeSummary, PublicTask, PublicUpdate } from '../../../contract/publication.ts';
import type { DB } from '../../platform/db/schema.ts';
import { acceptedLeadsOf } from '../leads/index.ts';
import * as repo from './publication.repository.ts';

/** The public URL of a public evidence file. */
export const publicEvidenceUrl = (id: string) => `/public/evidence/${encodeURIComponent(id)}`;

/** The public content of a programme, whether or not it is published (the preview shows it before publishing). */
export async function buildPublicContent(db: Kysely<DB>, programme: repo.PublicProgrammeRow): Promise<PublicProgramme> {
  const [rows, updates, leads] = await Promise.all([repo.listPublicTasks(db, programme.id), repo.listPublicUpdates(db, programme.id), acceptedLeadsOf(db, programme.id)]);
  const evidence = await repo.listPublicEvidence(db, updates.map((u) => u.id));
  const evidenceBy = groupBy(evidence, (e) => e.reportId);
  const updatesBy = groupBy(
    updates.map((u): PublicUpdate => ({
      id: u.id,
      taskId: u.taskId,
      periodKey: u.periodKey,
      acceptedAt: u.acceptedAt,
      progress: u.progress,
      text: u.text,
      evidence: (evidenceBy.get(u.id) ?? []).map((e) => ({ id: e.id, filename: e.filename, mediaType: e.mediaType, byteSize: e.byteSize, url: publicEvidenceUrl(e.id) })),
    })),
    (u) => u.taskId,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const leadsBy = groupBy(leads, (l) => l.taskId);
  const present = (r: repo.PublicTaskRow): PublicTask => ({
    id: r.id,
    areaId: r.areaId && r.areaId !== r.id ? r.areaId : null,
    parentId: r.parentId,
    label: r.label,
    title: r.title,
    leadUnit: r.leadUnit,
    dueDate: r.dueDate,
    state: r.state,
    health: r.health,
    healthReason: r.healthReason,
    progress: r.progress,
    closedAt: r.closedAt,
    updatedAt: r.updatedAt,
    updates: updatesBy.get(r.id) ?? [],
    leads: (leadsBy.get(r.id) ?? []).map((l) => {
      // The rectification is shown once it is past draft (an inspection's 整改 task may sit at the top of the tree).
      const t = l.rectificationTaskId ? byId.get(l.rectificationTaskId) : undefined;
      return {
        id: l.id,
        acceptedAt: l.acceptedAt,
        rectification: t && t.state !== 'draft' ? { taskId: t.id, title: t.title, state: t.state, dueDate: t.dueDate, progress: t.progress, closedAt: t.closedAt } : null,
      };
    }),
  });

  const areas: PublicArea[] = [];
  const loose: PublicTask[] = [];
  const areaTasks = new Map<string, PublicTask[]>();
  for (const r of rows) {
    if (r.kind === 'area') continue;
    // A task is public only when every ancestor up to its area is reachable: a task under a draft task is not.
    if (r.parentId && !byId.has(r.parentId)) continue;
    const t = present(r);
    if (t.areaId && byId.get(t.areaId)?.kind === 'area') {
      const list = areaTasks.get(t.areaId) ?? [];
      list.push(t);
      areaTasks.set(t.areaId, list);
    } else loose.push(t);
  }
  for (const r of rows) {
    if (r.kind !== 'area' || r.depth !== 0) continue;
    const tasks = areaTasks.get(r.id);
    if (tasks?.length) areas.push({ id: r.id, label: r.label, title: r.title, tasks });
  }
  if (loose.length) areas.push({ id: null, label: null, title: null, tasks: loose });
  return { id: programme.id, title: programme.title, description: programme.description, publishedAt: programme.publishedAt, updatedAt: programme.updatedAt, areas };
}

/** A published programme's public content, or null when it is not published (or does not exist). */
export async function findPublicProgramme(db: Kysely<DB>, id: string): Promise<PublicProgramme | null> {
  const p = await repo.findPublishedProgramme(db, id);
  return p ? buildPublicContent(db, p) : null;
}

/** The public list of published programmes. */
export async function listPublicProgrammes(db: Kysely<DB>): Promise<PublicProgrammeSummary[]> {
  return (await repo.listPublishedProgrammes(db)).map((p) => ({ id: p.id, title: p.title, description: p.description, publishedAt: p.publishedAt, tasks: p.tasks, closed: p.closed }));
}

/** One public task with its programme and area, or null. */
export async function findPublicTask(db: Kysely<DB>, taskId: string): Promise<{ programme: PublicProgramme; area: PublicArea; task: PublicTask } | null> {
  const programmeId = await repo.findPublishedProgrammeOfTask(db, taskId);
  if (!programmeId) return null;
  const programme = await findPublicProgramme(db, programmeId);
  if (!programme) return null;
  for (const area of programme.areas) {
    const task = area.tasks.find((t) => t.id === taskId);
    if (task) return { programme, area, task };
  }
  return null;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
