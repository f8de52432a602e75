/** HTTP for documents: upload or paste, list, read, original bytes, decomposition, repairs, comparison. */
import type { FastifyReply } from 'fastify';
import { documentsEndpoints as ep, type DocumentImportResponse } from '../../../contract/documents.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import { presentDocument, presentDocumentSummary } from './documents.presenter.ts';
import { acceptRepairs, compare, getDecomposition, getDocument, getRepairs, getTextInScript, importDocument, listDocuments, listEditions } from './documents.service.ts';

// An import may be too large (413), of a type not read (415) or without text to read (422); an upload's 413 and 415
// come with its multipart endpoint.
const importErrors = { 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };

export async function documentRoutes(app: App, ctx: AppContext): Promise<void> {
  const respond = (result: Awaited<ReturnType<typeof importDocument>>): DocumentImportResponse => ({
    document: presentDocumentSummary(result.document),
    items: result.decomposition.items.length,
    coverage: { directiveSentences: result.decomposition.coverage.directiveSentences, covered: result.decomposition.coverage.covered },
    editionOf: result.editionOf ? presentDocumentSummary(result.editionOf) : null,
  });

  app.post(ep.upload.path, {
    config: { permission: 'document.import' },
    schema: routeSchema(ep.upload, {
      tags: ['documents'],
      summary: 'Upload a document (multipart field `file`: .txt, .docx, .pdf with text, .html; UTF-8, GB18030, Big5, UTF-16)',
      otherResponses: importErrors,
    }),
  }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the file as multipart/form-data in the field "file", or paste text to /api/v1/documents/text');
    // Fields may come before or after the file, so every part is read; only the first file counts.
    let file: { bytes: Buffer; filename: string } | null = null;
    let title: string | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (!file && part.fieldname === 'file') file = { bytes, filename: part.filename };
      } else if (part.fieldname === 'title' && typeof part.value === 'string') {
        title = part.value.slice(0, 300);
      }
    }
    if (!file) throw badRequest('file_required', 'The multipart body has no file in the field "file"');
    const result = await importDocument(ctx, req.actor!, { bytes: file.bytes, filename: file.filename, title });
    return reply.status(201).send(respond(result));
  });

  app.post(ep.importText.path, {
    config: { permission: 'document.import' },
    schema: routeSchema(ep.importText, { tags: ['documents'], summary: 'Import pasted text', otherResponses: importErrors }),
  }, async (req, reply) => {
    const result = await importDocument(ctx, req.actor!, { bytes: Buffer.from(req.body.text, 'utf8'), filename: null, title: req.body.title ?? null });
    return reply.status(201).send(respond(result));
  });

  app.get(ep.list.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.list, { tags: ['documents'], summary: 'Documents, newest first; `q` searches the text in either script' }),
  }, async (req) => ({ items: (await listDocuments(ctx, req.actor!, req.query)).map(presentDocumentSummary) }));

  app.get(ep.compare.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.compare, { tags: ['documents'], summary: '提法对比: formulations and work areas new in `b`, dropped since `a`, and continued' }),
  }, async (req) => compare(ctx, req.actor!, req.query.a, req.query.b));

  app.get(ep.get.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.get, { tags: ['documents'], summary: 'A document with its original text' }),
  }, async (req) => presentDocument(await getDocument(ctx, req.actor!, req.params.id)));

  app.get(ep.text.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.text, {
      tags: ['documents'],
      summary: 'The text converted to Simplified (hans) or Traditional (hant) script, for reading; `aligned` tells whether spans still fit',
    }),
  }, async (req) => getTextInScript(ctx, req.actor!, req.params.id, req.query.script));

  app.get(ep.original.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.original, { tags: ['documents'], summary: 'Download the original file, byte for byte' }),
  }, async (req, reply) => {
    const doc = await getDocument(ctx, req.actor!, req.params.id);
    const name = doc.filename ?? `${doc.title.slice(0, 60)}.${doc.format}`;
    // The bytes are no JSON answer of the contract (a file endpoint declares none), so the reply is sent untyped.
    return (reply as FastifyReply)
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="document.${doc.format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(ctx.blobs.stream(doc.sha256));
  });

  app.get(ep.decomposition.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.decomposition, { tags: ['documents'], summary: 'The automatic decomposition (same JSON as `luoshi decompose --json`)' }),
  }, async (req) => getDecomposition(ctx, req.actor!, req.params.id));

  app.get(ep.repairs.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.repairs, { tags: ['documents'], summary: 'Proposed corrections of machine-converted Traditional text, each marked if a reviewer accepted it' }),
  }, async (req) => ({ items: await getRepairs(ctx, req.actor!, req.params.id) }));

  app.put(ep.acceptRepairs.path, {
    config: { permission: 'document.import' },
    schema: routeSchema(ep.acceptRepairs, {
      tags: ['documents'],
      summary: 'Accept repairs (by the start offsets of proposed ones; the rest are declined): they apply to the displayed text and to the titles of open drafts, never to the original',
    }),
  }, async (req) => presentDocument(await acceptRepairs(ctx, req.actor!, req.params.id, req.body.accepted)));

  app.get(ep.editions.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.editions, { tags: ['documents'], summary: 'The same text in the other script (editions linked at import)' }),
  }, async (req) => ({ items: (await listEditions(ctx, req.actor!, req.params.id)).map(presentDocumentSummary) }));
}
