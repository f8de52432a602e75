/**
 * Imported documents: upload or paste, the list, one document with its text (converted to either script on request),
 * the original bytes, the automatic decomposition, repairs of machine-converted text, editions and comparison.
 */
import { Type, type Static } from 'typebox';
import type { Comparison, Decomposition, Repair } from '../core/intake/types.ts';
import { IdParams, Items, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';

export const DocumentSummaryResponse = Type.Object({
  id: Type.String(),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  date: Nullable(Type.String()),
  script: Type.String(),
  encoding: Type.String(),
  format: Type.String(),
  /** The uploaded file's name (null for pasted text). */
  filename: Nullable(Type.String()),
  sha256: Type.String(),
  byteSize: Type.Integer(),
  length: Type.Integer(),
  createdAt: Type.String(),
});
export type DocumentSummaryResponse = Static<typeof DocumentSummaryResponse>;

export const DocumentResponse = Type.Intersect([
  DocumentSummaryResponse,
  Type.Object({
    /** The original text, exactly as decoded. */
    text: Type.String(),
    /** The text to show: the original with accepted repairs applied; same length, so spans fit both. */
    displayText: Type.String(),
    repairsAccepted: Type.Integer(),
    /** The document this one is the other script's edition of. */
    editionOf: Nullable(Type.String()),
  }),
]);
export type DocumentResponse = Static<typeof DocumentResponse>;

export const DocumentListResponse = Items(DocumentSummaryResponse);
export type DocumentListResponse = Static<typeof DocumentListResponse>;

/** The answer to an import: the stored document and a first count of what the engine found. */
export const DocumentImportResponse = Type.Object({
  document: DocumentSummaryResponse,
  items: Type.Integer(),
  coverage: Type.Object({ directiveSentences: Type.Integer(), covered: Type.Integer() }),
  /** Set when the text is the other script's edition of a document imported before. */
  editionOf: Nullable(DocumentSummaryResponse),
});
export type DocumentImportResponse = Static<typeof DocumentImportResponse>;

export const ImportTextBody = Type.Object({ text: Type.String({ minLength: 1 }), title: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false });
export type ImportTextBody = Static<typeof ImportTextBody>;

export const DocumentListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false });
export const CompareQuery = Type.Object({ a: Type.String({ minLength: 1 }), b: Type.String({ minLength: 1 }) }, { additionalProperties: false });

// The engine's own JSON, typed by the engine's types (src/core/intake/types.ts); the schema documents it loosely.
export const ComparisonResponse = Type.Unsafe<Comparison>(Type.Object({}, { additionalProperties: true, description: 'See Comparison in docs/decomposition.md' }));
export const DecompositionResponse = Type.Unsafe<Decomposition>(Type.Object({}, { additionalProperties: true, description: 'See docs/decomposition.md' }));

const Script = Type.Union([Type.Literal('hans'), Type.Literal('hant')]);
export const TextQuery = Type.Object({ script: Script }, { additionalProperties: false });
/** The text converted by the server (OpenCC) for reading. */
export const ConvertedTextResponse = Type.Object({
  script: Script,
  text: Type.String(),
  /** Same length as the original, so every span still fits; when false, show the original instead. */
  aligned: Type.Boolean(),
});
export type ConvertedTextResponse = Static<typeof ConvertedTextResponse>;

/** A proposed repair and whether a reviewer accepted it; the server never applies one by itself. */
export const RepairResponse = Type.Object({
  span: Type.Unsafe<Repair['span']>(Type.Array(Type.Integer())),
  from: Type.String(),
  to: Type.String(),
  reason: Type.String(),
  confidence: Type.Union([Type.Literal('high'), Type.Literal('low')]),
  accepted: Type.Boolean(),
});
export type RepairResponse = Static<typeof RepairResponse>;
export const RepairListResponse = Items(RepairResponse);

export const AcceptRepairsBody = Type.Object({ accepted: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 10000 }) }, { additionalProperties: false });

export const documentsEndpoints = {
  upload: endpoint({ method: 'POST', path: '/api/v1/documents', multipart: true, response: { 201: DocumentImportResponse } }),
  importText: endpoint({ method: 'POST', path: '/api/v1/documents/text', body: ImportTextBody, response: { 201: DocumentImportResponse } }),
  list: endpoint({ method: 'GET', path: '/api/v1/documents', querystring: DocumentListQuery, response: { 200: DocumentListResponse } }),
  compare: endpoint({ method: 'GET', path: '/api/v1/documents/compare', querystring: CompareQuery, response: { 200: ComparisonResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/documents/:id', params: IdParams, response: { 200: DocumentResponse } }),
  text: endpoint({ method: 'GET', path: '/api/v1/documents/:id/text', params: IdParams, querystring: TextQuery, response: { 200: ConvertedTextResponse } }),
  original: endpoint({ method: 'GET', path: '/api/v1/documents/:id/original', params: IdParams, file: true, response: {} }),
  decomposition: endpoint({ method: 'GET', path: '/api/v1/documents/:id/decomposition', params: IdParams, response: { 200: DecompositionResponse } }),
  repairs: endpoint({ method: 'GET', path: '/api/v1/documents/:id/repairs', params: IdParams, response: { 200: RepairListResponse } }),
  acceptRepairs: endpoint({ method: 'PUT', path: '/api/v1/documents/:id/repairs', params: IdParams, body: AcceptRepairsBody, response: { 200: DocumentResponse } }),
  editions: endpoint({ method: 'GET', path: '/api/v1/documents/:id/editions', params: IdParams, response: { 200: DocumentListResponse } }),
};
