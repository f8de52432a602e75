/** HTTP for exports: the 台账 as XLSX and CSV (the ledger's filters), the 通报 as DOCX. */
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { exportsEndpoints as ep, type LedgerExportQuery } from '../../../contract/exports.ts';
import { ledgerCriteriaOf } from '../tasks/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { loadBriefing } from './briefing-data.ts';
import { briefingFileName, renderBriefingDocx } from './briefing-docx.ts';
import { attachment } from './content-disposition.ts';
import { writeLedgerCsv } from './ledger-csv.ts';
import { ledgerFileName, loadLedgerExport, type LedgerExportFilter } from './ledger-data.ts';
import { writeLedgerXlsx } from './ledger-xlsx.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const split = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** The query string as the ledger reads it (its own parser for the shared filter fields), plus order and selection. */
export function ledgerFilterOf(q: LedgerExportQuery): LedgerExportFilter {
  const { sort, order, ids, lang: _lang, ...criteria } = q;
  return {
    ...ledgerCriteriaOf(criteria),
    ...(sort ? { sort: sort as LedgerExportFilter['sort'] } : {}),
    ...(order ? { order } : {}),
    ...(ids !== undefined ? { ids: split(ids) ?? [] } : {}),
  };
}

// Each route answers a file, no JSON answer of the contract (a file endpoint declares none): the reply is sent untyped.
export async function exportRoutes(app: App, ctx: AppContext): Promise<void> {
  const ledger = (format: 'xlsx' | 'csv') => ({
    config: { permission: 'ledger.export' as const },
    schema: {
      ...routeSchema(format === 'xlsx' ? ep.ledgerXlsx : ep.ledgerCsv, {
        tags: ['exports'],
        summary: format === 'xlsx'
          ? '台账 as an Excel workbook: summary sheet plus one sheet per work area; the ledger’s filters, or a selection (`ids`)'
          : '台账 as CSV (UTF-8 with BOM, formulas neutralised); the ledger’s filters, or a selection (`ids`)',
      }),
      produces: [format === 'xlsx' ? XLSX_TYPE : 'text/csv'],
    },
  });

  app.get(ep.ledgerXlsx.path, ledger('xlsx'), async (req, reply) => {
    const data = await loadLedgerExport(ctx, req.actor!, { filter: ledgerFilterOf(req.query), lang: req.query.lang });
    const body = new PassThrough();
    writeLedgerXlsx(data, body).catch((err: unknown) => body.destroy(err as Error));
    reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', attachment(ledgerFileName(data, 'xlsx'), `ledger-${data.asOf}.xlsx`)).header('X-Total-Rows', String(data.rowCount));
    return (reply as FastifyReply).send(body);
  });

  app.get(ep.ledgerCsv.path, ledger('csv'), async (req, reply) => {
    const data = await loadLedgerExport(ctx, req.actor!, { filter: ledgerFilterOf(req.query), lang: req.query.lang });
    const body = new PassThrough();
    writeLedgerCsv(data, body).catch((err: unknown) => body.destroy(err as Error));
    reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', attachment(ledgerFileName(data, 'csv'), `ledger-${data.asOf}.csv`)).header('X-Total-Rows', String(data.rowCount));
    return (reply as FastifyReply).send(body);
  });

  app.get(ep.briefing.path, {
    config: { permission: 'programme.read' },
    schema: {
      ...routeSchema(ep.briefing, { tags: ['exports'], summary: '通报 of a programme for a period as a Word document (supervisors of the programme, leaders, administrators)' }),
      produces: [DOCX_TYPE],
    },
  }, async (req, reply) => {
    const briefing = await loadBriefing(ctx, req.actor!, { programmeId: req.params.id, ...req.query });
    const bytes = await renderBriefingDocx(briefing);
    return (reply as FastifyReply)
      .header('Content-Type', DOCX_TYPE)
      .header('Content-Disposition', attachment(briefingFileName(briefing), `briefing-${briefing.to}.docx`))
      .send(bytes);
  });
}
