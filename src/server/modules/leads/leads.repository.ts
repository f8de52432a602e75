/** Leads, their rate-limit attempts and the public key (Kysely only). */
import type { ExpressionBuilder, Kysely, NotNull } from 'kysely';
import type { LeadState, RejectReason } from '../../../contract/leads.ts';
import type { DB, LeadsTable } from '../../platform/db/schema.ts';
import { programmeTitleOf } from '../programmes/index.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';
import { taskTitleOf } from '../tasks/index.ts';

export type { LeadState };

export interface Lead {
  id: string;
  programmeId: string;
  programmeTitle: string;
  taskId: string;
  taskTitle: string;
  state: LeadState;
  what: string;
  place: string;
  contact: string | null;
  photoSha256: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectReason: RejectReason | null;
  rejectNote: string | null;
  mergedIntoId: string | null;
  rectificationTaskId: string | null;
  createdAt: string;
  version: number;
}

const COLUMNS = [
  'leads.id', 'leads.programme_id', 'leads.task_id', 'leads.state', 'leads.what', 'leads.place', 'leads.contact', 'leads.photo_sha256', 'leads.decided_by',
  'leads.decided_at', 'leads.reject_reason', 'leads.reject_note', 'leads.merged_into_id', 'leads.rectification_task_id', 'leads.created_at', 'leads.version',
] as const;

type Row = Omit<LeadsTable, 'challenge_id' | 'updated_at'> & { programme_title: string; task_title: string };

function toLead(r: Row): Lead {
  return {
    id: r.id, programmeId: r.programme_id, programmeTitle: r.programme_title, taskId: r.task_id, taskTitle: r.task_title, state: r.state as LeadState,
    what: r.what, place: r.place, contact: r.contact, photoSha256: r.photo_sha256, decidedBy: r.decided_by, decidedAt: r.decided_at,
    rejectReason: r.reject_reason as RejectReason | null, rejectNote: r.reject_note, mergedIntoId: r.merged_into_id, rectificationTaskId: r.rectification_task_id,
    createdAt: r.created_at, version: r.version,
  };
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('leads')
    .select([...COLUMNS])
    .select((eb) => [programmeTitleOf(eb, eb.ref('leads.programme_id')).as('programme_title'), taskTitleOf(eb, eb.ref('leads.task_id')).as('task_title')])
    // Both are foreign keys that cannot be null: every lead has its programme and its task.
    .$narrowType<{ programme_title: NotNull; task_title: NotNull }>();
}

export async function findLead(db: Kysely<DB>, id: string): Promise<Lead | null> {
  const r = await base(db).where('leads.id', '=', id).executeTakeFirst();
  return r ? toLead(r) : null;
}

/** Leads of the programmes the user supervises (the scope is in SQL), newest first. */
export async function listLeads(db: Kysely<DB>, scope: { all: true } | { all: false; supervisorUserId: string }, filter: { state?: LeadState; programmeId?: string; limit: number }): Promise<Lead[]> {
  let q = base(db);
  if (!scope.all) {
    const supervisorUserId = scope.supervisorUserId;
    q = q.where((eb) => eb('leads.programme_id', 'in', programmesSupervisedBy(eb, supervisorUserId)));
  }
  if (filter.state) q = q.where('leads.state', '=', filter.state);
  if (filter.programmeId) q = q.where('leads.programme_id', '=', filter.programmeId);
  const rows = await q.orderBy('leads.created_at', 'desc').orderBy('leads.id', 'desc').limit(filter.limit).execute();
  return rows.map(toLead);
}

export async function insertLead(db: Kysely<DB>, row: Omit<LeadsTable, 'version'>): Promise<void> {
  await db.insertInto('leads').values({ ...row, version: 1 }).execute();
}

export async function challengeUsed(db: Kysely<DB>, challengeId: string): Promise<boolean> {
  return (await db.selectFrom('leads').select('id').where('challenge_id', '=', challengeId).executeTakeFirst()) !== undefined;
}

/** Conditional on the version the caller read; false when someone else decided first. */
export async function updateLead(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<Pick<LeadsTable, 'state' | 'decided_by' | 'decided_at' | 'reject_reason' | 'reject_note' | 'merged_into_id' | 'rectification_task_id'>>,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('leads')
    .set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function leadVersion(db: Kysely<DB>, id: string): Promise<number | null> {
  return (await db.selectFrom('leads').select('version').where('id', '=', id).executeTakeFirst())?.version ?? null;
}

export async function recordAttempt(db: Kysely<DB>, row: { id: string; addressKey: string; taskId: string; at: string }): Promise<void> {
  await db.insertInto('lead_attempts').values({ id: row.id, address_key: row.addressKey, task_id: row.taskId, at: row.at }).execute();
}

/** Attempts since a moment in one bucket, and the oldest of them (for Retry-After). */
export async function attemptsSince(db: Kysely<DB>, bucket: { addressKey: string } | { taskId: string }, sinceIso: string): Promise<{ count: number; oldest: string | null }> {
  let q = db.selectFrom('lead_attempts').where('at', '>=', sinceIso);
  q = 'addressKey' in bucket ? q.where('address_key', '=', bucket.addressKey) : q.where('task_id', '=', bucket.taskId);
  const r = await q.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')]).executeTakeFirstOrThrow();
  return { count: Number(r.n), oldest: (r.oldest as string | null) ?? null };
}

export async function pruneAttempts(db: Kysely<DB>, beforeIso: string): Promise<void> {
  await db.deleteFrom('lead_attempts').where('at', '<', beforeIso).execute();
}

export async function publicKey(db: Kysely<DB>): Promise<string> {
  const r = await db.selectFrom('public_keys').select('secret').where('id', '=', 'challenge').executeTakeFirst();
  if (!r) throw new Error('public_keys has no challenge key: run the migrations');
  return r.secret;
}

/** Records a stored photo's blob, unless a lead or another upload recorded the same bytes already. */
export async function insertBlobIfMissing(db: Kysely<DB>, b: { sha256: string; byteSize: number; mediaType: string; now: Date }): Promise<void> {
  await db.insertInto('blobs').values({ sha256: b.sha256, byte_size: b.byteSize, media_type: b.mediaType, created_at: b.now.toISOString() }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

export interface AcceptedLead {
  id: string;
  taskId: string;
  acceptedAt: string | null;
  rectificationTaskId: string | null;
}

/** Accepted leads of the programme, oldest decision first: only the fact and the rectification link (never text, photo or contact). */
export async function acceptedLeadsOf(db: Kysely<DB>, programmeId: string): Promise<AcceptedLead[]> {
  const rows = await db
    .selectFrom('leads')
    .select(['id', 'task_id', 'decided_at', 'rectification_task_id'])
    .where('programme_id', '=', programmeId)
    .where('state', '=', 'accepted')
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, taskId: r.task_id, acceptedAt: r.decided_at, rectificationTaskId: r.rectification_task_id }));
}

/** When an accepted lead of the programme (of any programme, for null) last changed, as a one-value subquery. */
export function acceptedLeadsChangedAt(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string | null) {
  const q = eb.selectFrom('leads').select((e) => e.fn.max('leads.updated_at').as('v')).where('leads.state', '=', 'accepted');
  return programmeId === null ? q : q.where('leads.programme_id', '=', programmeId);
}
