/**
 * Accepted reports and evidence files by id, for the modules that show chosen reports outside the reports' own
 * screens. Only the columns named here (never an author, a reviewer or a reason), so a column added to reports or
 * evidence later is not handed on unasked.
 */
import type { Expression, ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const unique = [...new Set(items)];
  const out: T[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(unique.slice(i, i + CHUNK));
  return out;
}

export interface AcceptedReportText {
  id: string;
  taskId: string;
  periodKey: string;
  /** When it was accepted, as stored. */
  reviewedAt: string | null;
  progress: number;
  text: string;
}

/** The accepted ones among the given reports, newest acceptance first (then by id). */
export async function acceptedReportsAmong(db: Kysely<DB>, ids: readonly string[]): Promise<AcceptedReportText[]> {
  const parts = chunks(ids);
  const out: AcceptedReportText[] = [];
  for (const part of parts) {
    const rows = await db
      .selectFrom('reports')
      .select(['reports.id', 'reports.task_id', 'reports.period_key', 'reports.reviewed_at', 'reports.progress', 'reports.text'])
      .where('reports.id', 'in', part)
      .where('reports.state', '=', 'accepted')
      .orderBy('reports.reviewed_at', 'desc')
      .orderBy('reports.id')
      .execute();
    for (const r of rows) out.push({ id: r.id, taskId: r.task_id, periodKey: r.period_key, reviewedAt: r.reviewed_at, progress: Number(r.progress), text: r.text });
  }
  // Each chunk comes sorted; across chunks, the same order (an acceptance without a time last, as SQLite sorts it).
  if (parts.length > 1) out.sort((a, b) => (a.reviewedAt === b.reviewedAt ? compare(a.id, b.id) : a.reviewedAt === null ? 1 : b.reviewedAt === null ? -1 : compare(b.reviewedAt, a.reviewedAt)));
  return out;
}

/** The report's id while the report is accepted, as a subquery (for `eb.exists(…)`). */
export function acceptedReport(eb: ExpressionBuilder<DB, keyof DB>, reportId: Expression<string>) {
  return eb.selectFrom('reports').select('reports.id').where('reports.id', '=', reportId).where('reports.state', '=', 'accepted');
}

export interface EvidenceFile {
  id: string;
  reportId: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
}

/** The given evidence files (unknown ids are left out), oldest upload first (then by id). */
export async function evidenceFilesOf(db: Kysely<DB>, ids: readonly string[]): Promise<EvidenceFile[]> {
  const parts = chunks(ids);
  const out: Array<EvidenceFile & { createdAt: string }> = [];
  for (const part of parts) {
    const rows = await db
      .selectFrom('evidence')
      .select(['evidence.id', 'evidence.report_id', 'evidence.filename', 'evidence.media_type', 'evidence.byte_size', 'evidence.sha256', 'evidence.created_at'])
      .where('evidence.id', 'in', part)
      .orderBy('evidence.created_at')
      .orderBy('evidence.id')
      .execute();
    for (const r of rows) out.push({ id: r.id, reportId: r.report_id, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), sha256: r.sha256, createdAt: r.created_at });
  }
  if (parts.length > 1) out.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
  return out.map(({ createdAt: _createdAt, ...file }) => file);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
