/**
 * Draft programmes (方案草稿): start a review from a document, edit its tree with operations, publish or discard.
 * Every edit carries the draft's version; a stale one answers 409 `version_conflict`.
 */
import { Type, type Static } from 'typebox';
import type { DraftNode } from '../core/drafts/types.ts';
import { IdParams, Items, NoContent, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

export const DRAFT_STATUSES = ['open', 'published', 'discarded'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
const DraftStatusSchema = Literals(DRAFT_STATUSES);

const Span = Type.Array(Type.Integer({ minimum: 0 }), { minItems: 2, maxItems: 2 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const DraftOperation = Type.Union([
  Type.Object({ op: Type.Literal('rename'), id: Id, title: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
  Type.Object({
    op: Type.Literal('update'),
    ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }),
    leadUnitId: Type.Optional(Nullable(Id)),
    coUnitIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    dueDate: Type.Optional(Nullable(IsoDate)),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 })),
    included: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('delete'), id: Id }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('split'), id: Id, at: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('merge'), ids: Type.Array(Id, { minItems: 2, maxItems: 100 }) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('move'), id: Id, parentId: Nullable(Id), index: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  Type.Object({
    op: Type.Literal('add'),
    parentId: Nullable(Id),
    title: Type.String({ maxLength: 500 }),
    // A tuple for the web; validated as a two-integer array, as before.
    span: Type.Optional(Nullable(Type.Unsafe<[number, number]>(Span))),
    index: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('acceptSuggestions'), ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
]);
export type DraftOperation = Static<typeof DraftOperation>;

export const DraftSummaryResponse = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  title: Type.String(),
  status: DraftStatusSchema,
  programmeId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer() });
export type DraftSummaryResponse = Static<typeof DraftSummaryResponse>;

/** A lead unit the server suggests for a draft node, with the duty words that matched and similar earlier tasks. */
export const UnitSuggestionResponse = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(Type.String()),
  similar: Type.Array(Type.Object({ taskId: Type.String(), title: Type.String() })) });
export type UnitSuggestionResponse = Static<typeof UnitSuggestionResponse>;

/** A draft node as sent: the engine's node (src/core/drafts/types.ts) with the suggestions worked out on each read. */
export type DraftNodeResponse = Omit<DraftNode, 'children'> & { suggestions: UnitSuggestionResponse[]; children: DraftNodeResponse[] };

export const DraftResponse = Type.Object({
  draft: Type.Intersect([
    DraftSummaryResponse,
    // The tree is the engine's recursive node type; the schema documents it loosely.
    Type.Object({ tree: Type.Unsafe<DraftNodeResponse[]>(Type.Array(Type.Object({}, { additionalProperties: true }))) }),
  ]),
  counts: Type.Object({ all: Type.Integer(), included: Type.Integer() }),
  coverage: Type.Object({
    directiveSentences: Type.Integer(),
    covered: Type.Integer(),
    uncovered: Type.Array(Type.Object({ span: Type.Unsafe<[number, number]>(Span), text: Type.String() })) }) });
export type DraftResponse = Static<typeof DraftResponse>;

export const DraftListResponse = Items(DraftSummaryResponse);

export const PUBLISH_SKIP_REASONS = ['no_lead_unit', 'no_due_date', 'due_date_past'] as const;
export type PublishSkipReason = (typeof PUBLISH_SKIP_REASONS)[number];

export const PublishResponse = Type.Object({
  programmeId: Type.String(),
  tasks: Type.Integer(),
  /** With `assign: true`: the tasks handed to their lead units (交办) in the same transaction. */
  assigned: Type.Array(Type.Object({ taskId: Type.String(), title: Type.String(), leadUnitId: Type.String() })),
  /** …and those left in draft, each with the reason. */
  skipped: Type.Array(Type.Object({
    taskId: Type.String(),
    title: Type.String(),
    code: Literals(PUBLISH_SKIP_REASONS) })) });
export type PublishResponse = Static<typeof PublishResponse>;

export const CreateDraftBody = Type.Object({ title: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false });
export const DraftListQuery = Type.Object({ documentId: Type.Optional(Type.String()), status: Type.Optional(DraftStatusSchema) }, { additionalProperties: false });
export const EditDraftBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: 300 })),
  operations: Type.Array(DraftOperation, { maxItems: 500 }) }, { additionalProperties: false });
export type EditDraftBody = Static<typeof EditDraftBody>;
export const PublishDraftBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: 300 })),
  supervisorIds: Type.Optional(Type.Array(Id, { minItems: 1 })),
  assign: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type PublishDraftBody = Static<typeof PublishDraftBody>;
export const DiscardDraftQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const draftsEndpoints = {
  create: endpoint({ method: 'POST', path: '/api/v1/documents/:id/drafts', params: IdParams, body: CreateDraftBody, response: { 201: DraftResponse } }),
  list: endpoint({ method: 'GET', path: '/api/v1/drafts', querystring: DraftListQuery, response: { 200: DraftListResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/drafts/:id', params: IdParams, response: { 200: DraftResponse } }),
  edit: endpoint({ method: 'POST', path: '/api/v1/drafts/:id/operations', params: IdParams, body: EditDraftBody, response: { 200: DraftResponse } }),
  publish: endpoint({ method: 'POST', path: '/api/v1/drafts/:id/publish', params: IdParams, body: PublishDraftBody, response: { 201: PublishResponse } }),
  discard: endpoint({ method: 'DELETE', path: '/api/v1/drafts/:id', params: IdParams, querystring: DiscardDraftQuery, response: { 204: NoContent } }) };
