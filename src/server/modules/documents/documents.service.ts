/** Use cases for documents: import (read, decode, decompose, store the original), list, read, compare, repairs. */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { cleanTitleText, stripForbiddenText } from '../../../core/text.ts';
import { segmentWords } from '../../platform/segment.ts';
import { analyseText, applyRepairs, compareDocuments, decompose, proposeRepairs, toScript, type Comparison, type Decomposition, type Repair } from '../../../core/intake/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { AppError, badRequest, conflict, forbidden, notFound, type ErrorStatus } from '../../platform/errors.ts';
import { canImportDocuments, canReadDocuments } from './documents.policy.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './documents.repository.ts';
import type { DocumentSummary, StoredDocument } from './documents.repository.ts';
import { documentSearchSources } from './document-search.repository.ts';
import { readDocument, isIntakeError, type IntakeErrorCode } from './reading/index.ts';
import { indexDocumentSources } from '../search-index/index.ts';

export type { DocumentSummary, StoredDocument } from './documents.repository.ts';

const INTAKE_STATUS: Record<IntakeErrorCode, ErrorStatus> = {
  too_large: 413,
  unsupported_format: 415,
  binary_input: 422,
  undecodable: 422,
  pdf_needs_ocr: 422,
  empty_document: 422,
  corrupt_file: 422,
  archive_too_large: 422,
  document_too_complex: 422,
  parse_timeout: 422,
};

const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface ImportInput {
  bytes: Uint8Array;
  filename?: string | null;
  /** Overrides the title the engine found. */
  title?: string | null;
}

export interface ImportResult {
  document: StoredDocument;
  decomposition: Decomposition;
  /** Set when the text is another script's edition of a document already imported. */
  editionOf: DocumentSummary | null;
}

/** The key that recognises the same text however it was encoded or laid out: SHA-256 of it without whitespace. */
export function contentKeyOf(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/gu, ''), 'utf8').digest('hex');
}

/**
 * True when two Simplified analysis copies are one text: OpenCC folds both scripts to the same characters, so an
 * edition differs only where a conversion chose another character (干/幹) — at most 3 % of the characters, compared
 * position by position without whitespace.
 */
function sameTextInOtherScript(aNorm: string, bNorm: string): boolean {
  const a = aNorm.replace(/\s+/gu, '');
  const b = bNorm.replace(/\s+/gu, '');
  if (!a.length || Math.abs(a.length - b.length) > a.length * 0.01) return false;
  let differ = Math.abs(a.length - b.length);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) differ++;
  return differ <= a.length * 0.03;
}

function fallbackTitle(text: string, filename: string | null | undefined): string {
  const firstLine = text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
  return (firstLine.slice(0, 80) || filename || 'Untitled').trim();
}

/**
 * Reads an uploaded file and stores it with its decomposition. The same text again — the same bytes, or another
 * file or encoding that decodes to it — is a 409 naming the first import; the same text in the other script is
 * stored and linked to it as an edition.
 */
export async function importDocument(ctx: AppContext, actor: Actor, input: ImportInput): Promise<ImportResult> {
  if (!canImportDocuments(actor)) throw forbidden('Missing permission document.import');
  let read;
  try {
    read = await readDocument(input.bytes, { filename: input.filename ?? undefined, maxBytes: ctx.config.uploadLimitBytes });
  } catch (err) {
    if (isIntakeError(err)) throw new AppError(err.code, err.message, INTAKE_STATUS[err.code]);
    throw err;
  }
  const now = ctx.clock.now();
  const decomposition = decompose(read.text, { encoding: read.encoding, referenceDate: now.toISOString().slice(0, 10) });
  const info = decomposition.document;
  const { sha256 } = await ctx.blobs.put(input.bytes);
  const id = newId(now.getTime());
  // The title field and the file name come from a multipart form, which no JSON schema checked.
  const filename = input.filename ? stripForbiddenText(input.filename).slice(0, 255) || null : null;
  const title = cleanTitleText((input.title ?? '').slice(0, 300), 300) ?? cleanTitleText(info.title ?? '', 300) ?? cleanTitleText(fallbackTitle(read.text, filename), 300) ?? 'Untitled';
  const at = now.toISOString();
  const contentKey = contentKeyOf(read.text);
  const textNorm = analyseText(read.text).norm;
  let editionOf: DocumentSummary | null = null;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = (await repo.findDocumentBySha(trx, sha256)) ?? (await repo.findDocumentByContentKey(trx, contentKey));
    if (existing) {
      throw conflict('document_exists', `This text was already imported as “${existing.title}”`, { documentId: existing.id });
    }
    for (const c of await repo.findEditionCandidates(trx, read.text.length, info.script)) {
      if (!sameTextInOtherScript(textNorm, c.textNorm)) continue;
      // Editions hang from the first import, so a third edition links to the same root.
      editionOf = await repo.findDocumentSummary(trx, c.editionOf ?? c.id);
      break;
    }
    await repo.insertBlobRecord(trx, { sha256, byteSize: input.bytes.byteLength, mediaType: MEDIA_TYPES[read.format] ?? 'application/octet-stream', at });
    await repo.insertDocument(trx, {
      id,
      title,
      issuer: info.issuer,
      doc_date: info.date,
      script: info.script,
      encoding: read.encoding,
      format: read.format,
      filename,
      sha256,
      byte_size: input.bytes.byteLength,
      text: read.text,
      text_norm: textNorm,
      length: read.text.length,
      decomposition_json: toJson(decomposition),
      content_key: contentKey,
      edition_of: (editionOf as DocumentSummary | null)?.id ?? null,
      repairs_json: null,
      created_by: actor.kind === 'user' ? actor.id : null,
      created_at: at,
      updated_at: at,
    });
    await indexDocumentSources(trx, await documentSearchSources(trx, { ids: [id] }));
    await appendAudit(trx, actor, {
      action: 'document.imported',
      objectType: 'document',
      objectId: id,
      after: { title, sha256, format: read.format, encoding: read.encoding, script: info.script, length: read.text.length, items: decomposition.items.length, editionOf: (editionOf as DocumentSummary | null)?.id ?? null },
    }, now);
  });
  return { document: await getDocument(ctx, actor, id), decomposition, editionOf };
}

/** Finds a document by the hash of its original bytes (used to keep the demo idempotent). */
export async function findDocumentBySha(ctx: AppContext, sha256: string): Promise<DocumentSummary | null> {
  return repo.findDocumentBySha(ctx.db, sha256);
}

export async function listDocuments(ctx: AppContext, actor: Actor, filter: { q?: string; limit?: number }): Promise<DocumentSummary[]> {
  if (!canReadDocuments(actor)) throw forbidden('Missing permission document.read');
  // Search runs on the Simplified, punctuation-folded copy, so 發展 finds 发展 and the other way round.
  const qNorm = filter.q?.trim() ? analyseText(filter.q.trim()).norm : undefined;
  return repo.listDocuments(ctx.db, { qNorm, limit: filter.limit ?? 200 });
}

export async function getDocument(ctx: AppContext, actor: Actor, id: string): Promise<StoredDocument> {
  if (!canReadDocuments(actor)) throw forbidden('Missing permission document.read');
  const doc = await repo.findDocument(ctx.db, id);
  if (!doc) throw notFound('document');
  return doc;
}

/** The decomposition stored at import, or a fresh one for a document imported before it was stored. */
export async function getDecomposition(ctx: AppContext, actor: Actor, id: string): Promise<Decomposition> {
  const doc = await getDocument(ctx, actor, id);
  return fromJson<Decomposition>(doc.decompositionJson) ?? decompose(doc.text, { encoding: doc.encoding });
}

/** Proposed corrections of a machine-converted Traditional text, for review, each marked if accepted. */
export async function getRepairs(ctx: AppContext, actor: Actor, id: string): Promise<Array<Repair & { accepted: boolean }>> {
  const doc = await getDocument(ctx, actor, id);
  const accepted = new Set(doc.repairs.map((r) => r.span[0]));
  return proposeRepairs(doc.text).map((r) => ({ ...r, accepted: accepted.has(r.span[0]) }));
}

/**
 * Records which proposed repairs the reviewer accepts (by their start offsets; the rest are declined). Accepted
 * repairs change the displayed text and the titles of the document's open drafts; the original stays byte for byte.
 */
export async function acceptRepairs(ctx: AppContext, actor: Actor, id: string, starts: readonly number[]): Promise<StoredDocument> {
  if (!canImportDocuments(actor)) throw forbidden('Missing permission document.import');
  const doc = await getDocument(ctx, actor, id);
  const proposals = new Map(proposeRepairs(doc.text).map((r) => [r.span[0], r]));
  const chosen: Repair[] = [];
  for (const at of new Set(starts)) {
    const r = proposals.get(at);
    if (!r) throw badRequest('repair_not_proposed', `No repair is proposed at offset ${at}`);
    chosen.push(r);
  }
  chosen.sort((a, b) => a.span[0] - b.span[0]);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateRepairs(trx, id, chosen, now.toISOString());
    await appendAudit(trx, actor, { action: 'document.repairs_accepted', objectType: 'document', objectId: id, before: { repairs: doc.repairs.length }, after: { repairs: chosen.map((r) => ({ at: r.span[0], from: r.from, to: r.to })) } }, now);
    for (const listener of repairListeners.get(ctx) ?? []) await listener(trx, { actor, documentId: id, original: doc.text, display: displayTextOf({ ...doc, repairs: chosen }) });
  });
  return getDocument(ctx, actor, id);
}

/** The text as shown to readers: the original with the accepted repairs applied (same length, so spans still fit). */
export function displayTextOf(doc: Pick<StoredDocument, 'text' | 'repairs'>): string {
  if (!doc.repairs.length) return doc.text;
  const repaired = applyRepairs(doc.text, doc.repairs);
  return repaired.length === doc.text.length ? repaired : doc.text;
}

export type RepairsListener = (trx: Kysely<DB>, e: { actor: Actor; documentId: string; original: string; display: string }) => Promise<void>;
const repairListeners = new WeakMap<AppContext, RepairsListener[]>();

/** Lets a higher module (drafts) follow accepted repairs in the same transaction. */
export function onRepairsAccepted(ctx: AppContext, listener: RepairsListener): void {
  repairListeners.set(ctx, [...(repairListeners.get(ctx) ?? []), listener]);
}

/** The other editions of a document (the same text in the other script), with the document itself excluded. */
export async function listEditions(ctx: AppContext, actor: Actor, id: string): Promise<DocumentSummary[]> {
  const doc = await getDocument(ctx, actor, id);
  return (await repo.listEditions(ctx.db, doc.editionOf ?? doc.id)).filter((d) => d.id !== id);
}

/** 提法对比: new, dropped and continued formulations and work areas from document `a` (older) to `b` (newer). */
export async function compare(ctx: AppContext, actor: Actor, aId: string, bId: string): Promise<Comparison> {
  const [docA, docB] = await Promise.all([getDocument(ctx, actor, aId), getDocument(ctx, actor, bId)]);
  const [a, b] = await Promise.all([getDecomposition(ctx, actor, aId), getDecomposition(ctx, actor, bId)]);
  return compareDocuments(a, b, segmentWords, { a: docA.text, b: docB.text });
}

/**
 * The document's text in the reader's script. Conversion is character for character in almost every text; when it
 * is not (a character outside the Basic Multilingual Plane on one side only), `aligned` is false and spans into the
 * original no longer fit the converted text, so the reader should be shown the original instead.
 */
export async function getTextInScript(ctx: AppContext, actor: Actor, id: string, script: 'hans' | 'hant'): Promise<{ script: 'hans' | 'hant'; text: string; aligned: boolean }> {
  const doc = await getDocument(ctx, actor, id);
  const text = toScript(displayTextOf(doc), script);
  return { script, text, aligned: text.length === doc.text.length };
}
