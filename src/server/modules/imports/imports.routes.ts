/** HTTP for imports: the task template, and the import itself (dry run or apply). */
import type { FastifyReply } from 'fastify';
import { ImportResult } from '../../../contract/exports.ts';
import { importsEndpoints as ep } from '../../../contract/imports.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { getProgramme } from '../programmes/index.ts';
import { requireProgrammeSupervisor } from '../tasks/index.ts';
import { MAX_IMPORT_BYTES } from './import-read.ts';
import { renderImportTemplate } from './import-template.ts';
import { importTasks } from './import-tasks.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importSchema = routeSchema(ep.import, {
  tags: ['imports'],
  summary: 'Import tasks from XLSX or CSV (multipart field `file`; UTF-8, UTF-8 with BOM or GB18030). `dryRun=true` only checks; otherwise all rows are created in one transaction, or none when any row has a problem (422 with every problem)',
  // A refusal answers the import's own result, with every problem, instead of an error.
  otherResponses: { 422: ImportResult },
});

export async function importRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.template.path, {
    config: { permission: 'programme.manage' },
    schema: { ...routeSchema(ep.template, { tags: ['imports'], summary: 'The task import template (XLSX) for this programme, with its areas and the units as drop-downs' }), produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    await requireProgrammeSupervisor(ctx.db, req.actor!, req.params.id);
    const programme = await getProgramme(ctx, req.actor!, req.params.id);
    const bytes = await renderImportTemplate(ctx.db, programme);
    const name = `任务导入模板-${programme.title}`.replace(/[\\/:*?"<>|]/g, '_').slice(0, 100);
    // A file, no JSON answer of the contract (a file endpoint declares none): the reply is sent untyped.
    return (reply as FastifyReply)
      .header('Content-Type', XLSX_TYPE)
      .header('Content-Disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`)
      .send(bytes);
  });

  app.post(ep.import.path, {
    config: { permission: 'programme.manage' },
    schema: importSchema,
  }, async (req, reply) => {
    // The programme and the caller's right to plan it are checked before the body is read.
    await requireProgrammeSupervisor(ctx.db, req.actor!, req.params.id);
    if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the file as multipart/form-data in the field "file"');
    let bytes: Buffer | null = null;
    for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (!bytes && part.fieldname === 'file') bytes = data;
      }
    }
    if (!bytes) throw badRequest('file_required', 'The multipart body has no file in the field "file"');
    const dryRun = req.query.dryRun === true;
    const result = await importTasks(ctx, req.actor!, { programmeId: req.params.id, bytes, dryRun });
    return reply.status(result.problems.length ? 422 : result.applied ? 201 : 200).send(result);
  });
}
