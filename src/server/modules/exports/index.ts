/** The exports module's public surface: 台账 XLSX/CSV and 通报 DOCX. */
export { exportRoutes } from './exports.routes.ts';
export { loadLedgerExport, ledgerFileName, MAX_EXPORT_ROWS, type LedgerExport, type LedgerExportFilter } from './ledger-data.ts';
export { writeLedgerXlsx } from './ledger-xlsx.ts';
export { writeLedgerCsv, csvField } from './ledger-csv.ts';
export { loadBriefing, type Briefing } from './briefing-data.ts';
export { briefingFileName, renderBriefingDocx } from './briefing-docx.ts';
