/** Use cases for documents: import (read, decode, decompose, store the original), list, read, compare, repairs. */
import { cleanTitleText, stripForbiddenText } from '../../../core/text.ts';
import { analyseText, compareDocuments, decompose, proposeRepairs, toScript, type Comparison, type Decomposition, type Repair } from '../../../core/intake/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { AppError, conflict, notFound, type ErrorStatus } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './documents.repository.ts';
import type { DocumentSummary, StoredDocument } from './documents.repository.ts';
import { readDocument, isIntakeError, type IntakeErrorCode } from './reading/index.ts';

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
}

function fallbackTitle(text: string, filename: string | null | undefined): string {
  const firstLine = text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
  return (firstLine.slice(0, 80) || filename || 'Untitled').trim();
}

/** Reads an uploaded file and stores it with its decomposition; the same bytes twice is a 409 naming the first. */
export async function importDocument(ctx: AppContext, actor: Actor, input: ImportInput): Promise<ImportResult> {
  requirePermission(actor, 'document.import');
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
  const sha256 = await ctx.blobs.put(input.bytes);
  const id = newId(now.getTime());
  // The title field and the file name come from a multipart form, which no JSON schema checked.
  const filename = input.filename ? stripForbiddenText(input.filename).slice(0, 255) || null : null;
  const title = cleanTitleText((input.title ?? '').slice(0, 300), 300) ?? cleanTitleText(info.title ?? '', 300) ?? cleanTitleText(fallbackTitle(read.text, filename), 300) ?? 'Untitled';
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findDocumentBySha(trx, sha256);
    if (existing) {
      throw conflict('document_exists', `This file was already imported as “${existing.title}”`, { documentId: existing.id });
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
      text_norm: analyseText(read.text).norm,
      length: read.text.length,
      decomposition_json: toJson(decomposition),
      created_by: actor.kind === 'user' ? actor.id : null,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(trx, actor, {
      action: 'document.imported',
      objectType: 'document',
      objectId: id,
      after: { title, sha256, format: read.format, encoding: read.encoding, script: info.script, length: read.text.length, items: decomposition.items.length },
    }, now);
  });
  return { document: await getDocument(ctx, actor, id), decomposition };
}

/** Finds a document by the hash of its original bytes (used to keep the demo idempotent). */
export async function findDocumentBySha(ctx: AppContext, sha256: string): Promise<DocumentSummary | null> {
  return repo.findDocumentBySha(ctx.db, sha256);
}

export async function listDocuments(ctx: AppContext, actor: Actor, filter: { q?: string; limit?: number }): Promise<DocumentSummary[]> {
  requirePermission(actor, 'document.read');
  // Search runs on the Simplified, punctuation-folded copy, so 發展 finds 发展 and the other way round.
  const qNorm = filter.q?.trim() ? analyseText(filter.q.trim()).norm : undefined;
  return repo.listDocuments(ctx.db, { qNorm, limit: filter.limit ?? 200 });
}

export async function getDocument(ctx: AppContext, actor: Actor, id: string): Promise<StoredDocument> {
  requirePermission(actor, 'document.read');
  const doc = await repo.findDocument(ctx.db, id);
  if (!doc) throw notFound('document');
  return doc;
}

/** The decomposition stored at import, or a fresh one for a document imported before it was stored. */
export async function getDecomposition(ctx: AppContext, actor: Actor, id: string): Promise<Decomposition> {
  const doc = await getDocument(ctx, actor, id);
  return fromJson<Decomposition>(doc.decompositionJson) ?? decompose(doc.text, { encoding: doc.encoding });
}

/** Proposed corrections of a machine-converted Traditional text, for review; nothing is applied here. */
export async function getRepairs(ctx: AppContext, actor: Actor, id: string): Promise<Repair[]> {
  const doc = await getDocument(ctx, actor, id);
  return proposeRepairs(doc.text);
}

/** 提法对比: new, dropped and continued formulations and work areas from document `a` (older) to `b` (newer). */
export async function compare(ctx: AppContext, actor: Actor, aId: string, bId: string): Promise<Comparison> {
  const [docA, docB] = await Promise.all([getDocument(ctx, actor, aId), getDocument(ctx, actor, bId)]);
  const [a, b] = await Promise.all([getDecomposition(ctx, actor, aId), getDecomposition(ctx, actor, bId)]);
  return compareDocuments(a, b, { a: docA.text, b: docB.text });
}

/**
 * The document's text in the reader's script. Conversion is character for character in almost every text; when it
 * is not (a character outside the Basic Multilingual Plane on one side only), `aligned` is false and spans into the
 * original no longer fit the converted text, so the reader should be shown the original instead.
 */
export async function getTextInScript(ctx: AppContext, actor: Actor, id: string, script: 'hans' | 'hant'): Promise<{ script: 'hans' | 'hant'; text: string; aligned: boolean }> {
  const doc = await getDocument(ctx, actor, id);
  const text = toScript(doc.text, script);
  return { script, text, aligned: text.length === doc.text.length };
}
