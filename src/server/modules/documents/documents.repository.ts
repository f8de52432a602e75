/** Imported documents: the original text, its normalised copy and the decomposition computed at import. */
import type { Expression, ExpressionBuilder, Kysely } from 'kysely';
import type { Repair } from '../../../core/intake/index.ts';
import { hasBlobRecord } from '../../platform/blobs/records.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { DB, DocumentsTable } from '../../platform/db/schema.ts';
import { containsText } from '../../platform/db/sql-helpers.ts';

export interface DocumentSummary {
  id: string;
  title: string;
  issuer: string | null;
  date: string | null;
  script: string;
  encoding: string;
  format: string;
  filename: string | null;
  sha256: string;
  byteSize: number;
  length: number;
  createdBy: string | null;
  createdAt: Date;
}

export interface StoredDocument extends DocumentSummary {
  text: string;
  textNorm: string;
  decompositionJson: string | null;
  editionOf: string | null;
  /** Repairs the reviewer accepted. */
  repairs: Repair[];
}

const SUMMARY_COLUMNS = [
  'id', 'title', 'issuer', 'doc_date', 'script', 'encoding', 'format', 'filename', 'sha256', 'byte_size', 'length',
  'created_by', 'created_at',
] as const;

type SummaryRow = Pick<DocumentsTable, (typeof SUMMARY_COLUMNS)[number]>;

function toSummary(r: SummaryRow): DocumentSummary {
  return {
    id: r.id,
    title: r.title,
    issuer: r.issuer,
    date: r.doc_date,
    script: r.script,
    encoding: r.encoding,
    format: r.format,
    filename: r.filename,
    sha256: r.sha256,
    byteSize: Number(r.byte_size),
    length: Number(r.length),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  };
}

export async function insertDocument(db: Kysely<DB>, row: DocumentsTable): Promise<void> {
  await db.insertInto('documents').values(row).execute();
}

export async function insertBlobRecord(db: Kysely<DB>, row: { sha256: string; byteSize: number; mediaType: string; at: string }): Promise<void> {
  if (await hasBlobRecord(db, row.sha256)) return;
  await db.insertInto('blobs').values({ sha256: row.sha256, byte_size: row.byteSize, media_type: row.mediaType, created_at: row.at }).execute();
}

export async function findDocumentBySha(db: Kysely<DB>, sha256: string): Promise<DocumentSummary | null> {
  const row = await db.selectFrom('documents').select(SUMMARY_COLUMNS).where('sha256', '=', sha256).executeTakeFirst();
  return row ? toSummary(row) : null;
}

export async function findDocument(db: Kysely<DB>, id: string): Promise<StoredDocument | null> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row),
    text: row.text,
    textNorm: row.text_norm,
    decompositionJson: row.decomposition_json,
    editionOf: row.edition_of,
    repairs: fromJson<Repair[]>(row.repairs_json) ?? [],
  };
}

export async function findDocumentSummary(db: Kysely<DB>, id: string): Promise<DocumentSummary | null> {
  const row = await db.selectFrom('documents').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** A document whose decoded text (whitespace aside) is this one's. */
export async function findDocumentByContentKey(db: Kysely<DB>, key: string): Promise<DocumentSummary | null> {
  const row = await db.selectFrom('documents').select(SUMMARY_COLUMNS).where('content_key', '=', key).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** Documents of about this length in another script: candidates for being the same text's other edition. */
export async function findEditionCandidates(db: Kysely<DB>, length: number, notScript: string): Promise<Array<{ id: string; title: string; editionOf: string | null; textNorm: string }>> {
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'title', 'edition_of', 'text_norm'])
    .where('length', '>=', Math.floor(length * 0.98))
    .where('length', '<=', Math.ceil(length * 1.02))
    .where('script', '!=', notScript)
    .limit(20)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, editionOf: r.edition_of, textNorm: r.text_norm }));
}

/** The editions linked to a document (its original and the other script's copies), oldest first. */
export async function listEditions(db: Kysely<DB>, rootId: string): Promise<DocumentSummary[]> {
  const rows = await db
    .selectFrom('documents')
    .select(SUMMARY_COLUMNS)
    .where((eb) => eb.or([eb('id', '=', rootId), eb('edition_of', '=', rootId)]))
    .orderBy('created_at')
    .execute();
  return rows.map(toSummary);
}

export async function updateRepairs(db: Kysely<DB>, id: string, repairs: Repair[], at: string): Promise<void> {
  await db.updateTable('documents').set({ repairs_json: repairs.length ? toJson(repairs) : null, updated_at: at }).where('id', '=', id).execute();
}

/** Newest first; `q` is already normalised (Simplified, halfwidth folded) and matched against the normalised text. */
export async function listDocuments(db: Kysely<DB>, filter: { qNorm?: string; limit: number }): Promise<DocumentSummary[]> {
  let query = db.selectFrom('documents').select(SUMMARY_COLUMNS);
  if (filter.qNorm) {
    query = query.where(containsText('text_norm', filter.qNorm));
  }
  const rows = await query.orderBy('created_at', 'desc').limit(filter.limit).execute();
  return rows.map(toSummary);
}

/**
 * A document's title as a correlated subquery, so another module's list shows it beside its rows in the same statement:
 * `.select((eb) => documentTitleOf(eb, eb.ref('x.document_id')).as('document_title'))`.
 */
export function documentTitleOf(eb: ExpressionBuilder<DB, keyof DB>, documentId: Expression<string | null>) {
  return eb.selectFrom('documents').select('documents.title').where('documents.id', '=', documentId);
}
