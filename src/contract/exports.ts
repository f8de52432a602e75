/**
 * Request and response shapes of the exports and imports routes: 台账 (ledger) XLSX/CSV, 通报 (briefing) DOCX and
 * the task import's dry run / apply answer. No I/O; the web imports these as types.
 */
import { Type, type Static } from 'typebox';
import { IdParams } from './common.ts';
import { endpoint } from './endpoint.ts';
import { LEDGER_FILTER_FIELDS } from './ledger.ts';
import { Literals } from './literals.ts';
import { LEDGER_SORTS } from './tasks.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The language of an export's fixed words (headings, states, health words); task titles stay as written. */
export const ExportLang = Type.Union([Type.Literal('zh-Hans'), Type.Literal('zh-Hant'), Type.Literal('en')]);
export type ExportLang = Static<typeof ExportLang>;


/**
 * The ledger's own filters (the same names and meanings as `GET /api/v1/tasks`), plus `ids` for a selection and
 * `lang`. Paging is left out: an export holds every matching row.
 */
export const LedgerExportQuery = Type.Object({
  ...LEDGER_FILTER_FIELDS,
  sort: Type.Optional(Literals(LEDGER_SORTS)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  /** A selection: comma-separated task ids (at most 1,000); combined with the other filters. */
  ids: Type.Optional(Type.String({ maxLength: 40_000 })),
  lang: Type.Optional(ExportLang) }, { additionalProperties: false });
export type LedgerExportQuery = Static<typeof LedgerExportQuery>;

export const BriefingQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  lang: Type.Optional(ExportLang),
  /** The issuing office printed under the title (发文机关); defaults to the programme's supervising office. */
  office: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });
export type BriefingQuery = Static<typeof BriefingQuery>;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** One problem of an import file: the spreadsheet's own row number (1-based, header row included), the column. */
export const ImportProblem = Type.Object({
  /** The worksheet, for a workbook with several data sheets. */
  sheet: Type.Optional(Type.String()),
  row: Type.Integer(),
  column: Type.Union([Type.Null(), Type.String()]),
  code: Type.String(),
  /** In English; the UI words it from `code` and `params` in the reader's language. */
  message: Type.String(),
  /** The offending value (`value`) or the earlier row of a duplicate (`firstRow`). */
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))) });
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  /** Whether the rows were written (never partly: all or nothing). */
  applied: Type.Boolean(),
  format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]),
  /** Data rows read (blank rows are skipped). */
  rows: Type.Integer(),
  /** How each header of the file was understood: the header as written → the field, or null when ignored. */
  columns: Type.Array(Type.Object({ header: Type.String(), field: Type.Union([Type.Null(), Type.String()]) })),
  problems: Type.Array(ImportProblem),
  /** Tasks created (apply) or that would be created (dry run without problems). */
  created: Type.Integer(),
  /** Work areas created because the file named one the programme did not have yet. */
  createdAreas: Type.Array(Type.String()),
  taskIds: Type.Array(Type.String()) });
export type ImportResult = Static<typeof ImportResult>;

export const exportsEndpoints = {
  ledgerXlsx: endpoint({ method: 'GET', path: '/api/v1/ledger.xlsx', querystring: LedgerExportQuery, file: true, response: {} }),
  ledgerCsv: endpoint({ method: 'GET', path: '/api/v1/ledger.csv', querystring: LedgerExportQuery, file: true, response: {} }),
  briefing: endpoint({ method: 'GET', path: '/api/v1/programmes/:id/briefing.docx', params: IdParams, querystring: BriefingQuery, file: true, response: {} }) };
