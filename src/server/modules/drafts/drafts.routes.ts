/** HTTP for reviewing and publishing a draft programme. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.ts';
import type { DraftView } from './drafts.service.ts';
import { createDraft, discardDraft, editDraft, getDraft, listDrafts, publishDraft } from './drafts.service.ts';
import type { DraftNode } from '../../../core/drafts/index.ts';
import { presentSuggestion } from '../suggestions/index.ts';

const Span = Type.Array(Type.Integer({ minimum: 0 }), { minItems: 2, maxItems: 2 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

const Operation = Type.Union([
  Type.Object({ op: Type.Literal('rename'), id: Id, title: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
  Type.Object({
    op: Type.Literal('update'),
    ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }),
    leadUnitId: Type.Optional(Nullable(Id)),
    coUnitIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    dueDate: Type.Optional(Nullable(IsoDate)),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 })),
    included: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('delete'), id: Id }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('split'), id: Id, at: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('merge'), ids: Type.Array(Id, { minItems: 2, maxItems: 100 }) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('move'), id: Id, parentId: Nullable(Id), index: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('add'), parentId: Nullable(Id), title: Type.String({ maxLength: 500 }), span: Type.Optional(Nullable(Span)), index: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('acceptSuggestions'), ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
]);

const DraftSummary = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  title: Type.String(),
  status: Type.String(),
  programmeId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

const DraftResponse = Type.Object({
  draft: Type.Intersect([DraftSummary, Type.Object({ tree: Type.Array(Type.Object({}, { additionalProperties: true })) })]),
  counts: Type.Object({ all: Type.Integer(), included: Type.Integer() }),
  coverage: Type.Object({
    directiveSentences: Type.Integer(),
    covered: Type.Integer(),
    uncovered: Type.Array(Type.Object({ span: Span, text: Type.String() })),
  }),
});

function summary(d: DraftView['draft']) {
  return { id: d.id, documentId: d.documentId, title: d.title, status: d.status, programmeId: d.programmeId, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(), version: d.version };
}

// Suggestions are worked out on each read (profiles and history change), never stored with the tree.
function withSuggestions(nodes: DraftNode[], suggestions: DraftView['suggestions']): Array<Record<string, unknown>> {
  return nodes.map((n) => ({ ...n, suggestions: (suggestions.get(n.id) ?? []).map(presentSuggestion), children: withSuggestions(n.children, suggestions) }));
}

function present(v: DraftView) {
  return { draft: { ...summary(v.draft), tree: withSuggestions(v.draft.tree, v.suggestions) }, counts: v.counts, coverage: v.coverage };
}

const PublishResponse = Type.Object({
  programmeId: Type.String(),
  tasks: Type.Integer(),
  assigned: Type.Array(Type.Object({ taskId: Type.String(), title: Type.String(), leadUnitId: Type.String() })),
  skipped: Type.Array(Type.Object({ taskId: Type.String(), title: Type.String(), code: Type.Union([Type.Literal('no_lead_unit'), Type.Literal('no_due_date'), Type.Literal('due_date_past')]) })),
});

export async function draftRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/documents/:id/drafts', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['drafts'],
      summary: 'Start reviewing a document: a draft programme from its automatic decomposition',
      params: IdParams,
      body: Type.Object({ title: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }),
      response: { 201: DraftResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(present(await createDraft(ctx, req.actor!, req.params.id, req.body))));

  app.get('/api/v1/drafts', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['drafts'],
      summary: 'Draft programmes, newest first',
      querystring: Type.Object({ documentId: Type.Optional(Type.String()), status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('published'), Type.Literal('discarded')])) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(DraftSummary) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await listDrafts(ctx, req.actor!, req.query)).map(summary) }));

  app.get('/api/v1/drafts/:id', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['drafts'], summary: 'A draft with its tree and coverage meter', params: IdParams, response: { 200: DraftResponse, ...errorResponses } },
  }, async (req) => present(await getDraft(ctx, req.actor!, req.params.id)));

  app.post('/api/v1/drafts/:id/operations', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['drafts'],
      summary: 'Edit the tree: rename, update (units, deadline, tags, included — in bulk), delete, split, merge, move, add, acceptSuggestions (best suggested lead unit for each node)',
      params: IdParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), title: Type.Optional(Type.String({ maxLength: 300 })), operations: Type.Array(Operation, { maxItems: 500 }) }, { additionalProperties: false }),
      response: { 200: DraftResponse, ...errorResponses },
    },
  }, async (req) => present(await editDraft(ctx, req.actor!, req.params.id, req.body as Parameters<typeof editDraft>[3])));

  app.post('/api/v1/drafts/:id/publish', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['drafts'],
      summary: 'Publish: creates the programme and its tasks; with `assign: true` also hands every task that has a lead unit and a due date from today on to its unit (交办), in the same transaction',
      params: IdParams,
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        title: Type.Optional(Type.String({ maxLength: 300 })),
        supervisorIds: Type.Optional(Type.Array(Id, { minItems: 1 })),
        assign: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 201: PublishResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await publishDraft(ctx, req.actor!, req.params.id, req.body)));

  app.delete('/api/v1/drafts/:id', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['drafts'],
      summary: 'Discard a draft',
      params: IdParams,
      querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await discardDraft(ctx, req.actor!, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
}
