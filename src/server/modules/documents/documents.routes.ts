/** HTTP for documents: upload or paste, list, read, original bytes, decomposition, repairs, comparison. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, ErrorBody, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { DocumentResponse, DocumentSummaryResponse, presentDocument, presentDocumentSummary } from './documents.presenter.ts';
import { acceptRepairs, compare, getDecomposition, getDocument, getRepairs, getTextInScript, importDocument, listDocuments, listEditions } from './documents.service.ts';

const ImportResponse = Type.Object({
  document: DocumentSummaryResponse,
  items: Type.Integer(),
  coverage: Type.Object({ directiveSentences: Type.Integer(), covered: Type.Integer() }),
  /** The document this one is the other script's edition of. */
  editionOf: Nullable(DocumentSummaryResponse),
});
const importErrors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };

export async function documentRoutes(app: App, ctx: AppContext): Promise<void> {
  const respond = (result: Awaited<ReturnType<typeof importDocument>>) => ({
    document: presentDocumentSummary(result.document),
    items: result.decomposition.items.length,
    coverage: { directiveSentences: result.decomposition.coverage.directiveSentences, covered: result.decomposition.coverage.covered },
    editionOf: result.editionOf ? presentDocumentSummary(result.editionOf) : null,
  });

  app.post('/api/v1/documents', {
    config: { permission: 'document.import' },
    schema: {
      tags: ['documents'],
      summary: 'Upload a document (multipart field `file`: .txt, .docx, .pdf with text, .html; UTF-8, GB18030, Big5, UTF-16)',
      consumes: ['multipart/form-data'],
      response: { 201: ImportResponse, ...importErrors },
    },
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

  app.post('/api/v1/documents/text', {
    config: { permission: 'document.import' },
    schema: {
      tags: ['documents'],
      summary: 'Import pasted text',
      body: Type.Object({ text: Type.String({ minLength: 1 }), title: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }),
      response: { 201: ImportResponse, ...importErrors },
    },
  }, async (req, reply) => {
    const result = await importDocument(ctx, req.actor!, { bytes: Buffer.from(req.body.text, 'utf8'), filename: null, title: req.body.title ?? null });
    return reply.status(201).send(respond(result));
  });

  app.get('/api/v1/documents', {
    config: { permission: 'document.read' },
    schema: {
      tags: ['documents'],
      summary: 'Documents, newest first; `q` searches the text in either script',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(DocumentSummaryResponse) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await listDocuments(ctx, req.actor!, req.query)).map(presentDocumentSummary) }));

  app.get('/api/v1/documents/compare', {
    config: { permission: 'document.read' },
    schema: {
      tags: ['documents'],
      summary: '提法对比: formulations and work areas new in `b`, dropped since `a`, and continued',
      querystring: Type.Object({ a: Type.String({ minLength: 1 }), b: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({}, { additionalProperties: true, description: 'See Comparison in docs/decomposition.md' }), ...errorResponses },
    },
  }, async (req) => compare(ctx, req.actor!, req.query.a, req.query.b));

  app.get('/api/v1/documents/:id', {
    config: { permission: 'document.read' },
    schema: { tags: ['documents'], summary: 'A document with its original text', params: IdParams, response: { 200: DocumentResponse, ...errorResponses } },
  }, async (req) => presentDocument(await getDocument(ctx, req.actor!, req.params.id)));

  app.get('/api/v1/documents/:id/text', {
    config: { permission: 'document.read' },
    schema: {
      tags: ['documents'],
      summary: 'The text converted to Simplified (hans) or Traditional (hant) script, for reading; `aligned` tells whether spans still fit',
      params: IdParams,
      querystring: Type.Object({ script: Type.Union([Type.Literal('hans'), Type.Literal('hant')]) }, { additionalProperties: false }),
      response: { 200: Type.Object({ script: Type.String(), text: Type.String(), aligned: Type.Boolean() }), ...errorResponses },
    },
  }, async (req) => getTextInScript(ctx, req.actor!, req.params.id, req.query.script));

  app.get('/api/v1/documents/:id/original', {
    config: { permission: 'document.read' },
    schema: { tags: ['documents'], summary: 'Download the original file, byte for byte', params: IdParams },
  }, async (req, reply) => {
    const doc = await getDocument(ctx, req.actor!, req.params.id);
    const name = doc.filename ?? `${doc.title.slice(0, 60)}.${doc.format}`;
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="document.${doc.format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(ctx.blobs.stream(doc.sha256));
  });

  app.get('/api/v1/documents/:id/decomposition', {
    config: { permission: 'document.read' },
    schema: { tags: ['documents'], summary: 'The automatic decomposition (same JSON as `luoshi decompose --json`)', params: IdParams, response: { 200: Type.Object({}, { additionalProperties: true, description: 'See docs/decomposition.md' }), ...errorResponses } },
  }, async (req) => getDecomposition(ctx, req.actor!, req.params.id));

  const RepairItem = Type.Object({ span: Type.Array(Type.Integer()), from: Type.String(), to: Type.String(), reason: Type.String(), confidence: Type.String(), accepted: Type.Boolean() });

  app.get('/api/v1/documents/:id/repairs', {
    config: { permission: 'document.read' },
    schema: { tags: ['documents'], summary: 'Proposed corrections of machine-converted Traditional text, each marked if a reviewer accepted it', params: IdParams, response: { 200: Type.Object({ items: Type.Array(RepairItem) }), ...errorResponses } },
  }, async (req) => ({ items: await getRepairs(ctx, req.actor!, req.params.id) }));

  app.put('/api/v1/documents/:id/repairs', {
    config: { permission: 'document.import' },
    schema: {
      tags: ['documents'],
      summary: 'Accept repairs (by the start offsets of proposed ones; the rest are declined): they apply to the displayed text and to the titles of open drafts, never to the original',
      params: IdParams,
      body: Type.Object({ accepted: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 10000 }) }, { additionalProperties: false }),
      response: { 200: DocumentResponse, ...errorResponses },
    },
  }, async (req) => presentDocument(await acceptRepairs(ctx, req.actor!, req.params.id, req.body.accepted)));

  app.get('/api/v1/documents/:id/editions', {
    config: { permission: 'document.read' },
    schema: { tags: ['documents'], summary: 'The same text in the other script (editions linked at import)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(DocumentSummaryResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await listEditions(ctx, req.actor!, req.params.id)).map(presentDocumentSummary) }));
}
