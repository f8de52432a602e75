/** HTTP for imports: the task template, and the import itself (dry run or apply). */
import { ImportQuery, ImportResult } from '../../../contract/exports.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { getProgramme } from '../programmes/index.ts';
import { requireProgrammeSupervisor } from '../tasks/index.ts';
import { MAX_IMPORT_BYTES } from './import-read.ts';
import { renderImportTemplate } from './import-template.ts';
import { importTasks } from './import-tasks.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function importRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/programmes/:id/import/template.xlsx', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['imports'], summary: 'The task import template (XLSX) for this programme, with its areas and the units as drop-downs', params: IdParams, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    await requireProgrammeSupervisor(ctx.db, req.actor!, req.params.id);
    const programme = await getProgramme(ctx, req.actor!, req.params.id);
    const bytes = await renderImportTemplate(ctx.db, programme);
    const name = `任务导入模板-${programme.title}`.replace(/[\\/:*?"<>|]/g, '_').slice(0, 100);
    return reply
      .header('Content-Type', XLSX_TYPE)
      .header('Content-Disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`)
      .send(bytes);
  });

  app.post('/api/v1/programmes/:id/import', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['imports'],
      summary: 'Import tasks from XLSX or CSV (multipart field `file`; UTF-8, UTF-8 with BOM or GB18030). `dryRun=true` only checks; otherwise all rows are created in one transaction, or none when any row has a problem (422 with every problem)',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: ImportQuery,
      response: { 200: ImportResult, 201: ImportResult, 422: ImportResult, ...errorResponses },
    },
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
