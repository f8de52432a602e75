/** HTTP for reviewing and publishing a draft programme. */
import { draftsEndpoints as ep, type DraftNodeResponse, type DraftResponse, type DraftSummaryResponse } from '../../../contract/drafts.ts';
import type { DraftNode } from '../../../core/drafts/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentSuggestion } from '../suggestions/index.ts';
import type { DraftView } from './drafts.service.ts';
import { createDraft, discardDraft, editDraft, getDraft, listDrafts, publishDraft } from './drafts.service.ts';

function summary(d: DraftView['draft']): DraftSummaryResponse {
  return { id: d.id, documentId: d.documentId, title: d.title, status: d.status, programmeId: d.programmeId, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(), version: d.version };
}

// Suggestions are worked out on each read (profiles and history change), never stored with the tree.
function withSuggestions(nodes: DraftNode[], suggestions: DraftView['suggestions']): DraftNodeResponse[] {
  return nodes.map((n) => ({ ...n, suggestions: (suggestions.get(n.id) ?? []).map(presentSuggestion), children: withSuggestions(n.children, suggestions) }));
}

function present(v: DraftView): DraftResponse {
  return { draft: { ...summary(v.draft), tree: withSuggestions(v.draft.tree, v.suggestions) }, counts: v.counts, coverage: v.coverage };
}

export async function draftRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(ep.create.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.create, { tags: ['drafts'], summary: 'Start reviewing a document: a draft programme from its automatic decomposition' }),
  }, async (req, reply) => reply.status(201).send(present(await createDraft(ctx, req.actor!, req.params.id, req.body))));

  app.get(ep.list.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.list, { tags: ['drafts'], summary: 'Draft programmes, newest first' }),
  }, async (req) => ({ items: (await listDrafts(ctx, req.actor!, req.query)).map(summary) }));

  app.get(ep.get.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.get, { tags: ['drafts'], summary: 'A draft with its tree and coverage meter' }),
  }, async (req) => present(await getDraft(ctx, req.actor!, req.params.id)));

  app.post(ep.edit.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.edit, {
      tags: ['drafts'],
      summary: 'Edit the tree: rename, update (units, deadline, tags, included — in bulk), delete, split, merge, move, add, acceptSuggestions (best suggested lead unit for each node)',
    }),
  }, async (req) => present(await editDraft(ctx, req.actor!, req.params.id, req.body as Parameters<typeof editDraft>[3])));

  app.post(ep.publish.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.publish, {
      tags: ['drafts'],
      summary: 'Publish: creates the programme and its tasks; with `assign: true` also hands every task that has a lead unit and a due date from today on to its unit (交办), in the same transaction',
    }),
  }, async (req, reply) => reply.status(201).send(await publishDraft(ctx, req.actor!, req.params.id, req.body)));

  app.delete(ep.discard.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.discard, { tags: ['drafts'], summary: 'Discard a draft' }),
  }, async (req, reply) => {
    await discardDraft(ctx, req.actor!, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
}
