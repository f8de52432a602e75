/** Task imports: the template of a programme (XLSX) and the import of a filled one (dry run or apply). */
import { IdParams } from './common.ts';
import { endpoint } from './endpoint.ts';
import { ImportQuery, ImportResult } from './exports.ts';

export const importsEndpoints = {
  template: endpoint({ method: 'GET', path: '/api/v1/programmes/:id/import/template.xlsx', params: IdParams, file: true, response: {} }),
  /** 200: checked (dry run), 201: applied; a refusal (422) carries the same `ImportResult` with every problem. */
  import: endpoint({ method: 'POST', path: '/api/v1/programmes/:id/import', params: IdParams, querystring: ImportQuery, multipart: true, response: { 200: ImportResult, 201: ImportResult } }),
};
