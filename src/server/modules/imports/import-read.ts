/**
 * Reading an uploaded import file into rows: XLSX or CSV decided by content (a ZIP container is a workbook, anything
 * else must be text), CSV in UTF-8 (with or without BOM) or GB18030 (what Excel on Chinese Windows saves). The ZIP is
 * checked for bombs before exceljs opens it. Every row keeps the spreadsheet's own row number.
 */
// Loaded when a workbook is made or read: exceljs takes a third of a second to load, which the server's start
// (and every process that never touches a spreadsheet) should not pay.
import type ExcelJS from 'exceljs';
import { checkZipArchive } from '../../platform/zip.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { fieldOfHeader, type ImportField } from './import-columns.ts';
import { cellText, type CellValue } from './import-values.ts';

/** An import holds at most this many data rows (all in one transaction). */
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const HEADER_SEARCH_ROWS = 10;
/** Columns read per row: a stray cell far to the right (column XFD) must not make every row 16,384 cells long. */
const MAX_COLUMNS = 64;

export interface SheetRows {
  sheet: string | null;
  /** Rows as read, each with its 1-based row number in the file. */
  rows: Array<{ row: number; cells: CellValue[] }>;
  /** Text above the header (a title row, or an exported ledger's 工作方面：… heading). */
  preamble: string[];
}

export interface ParsedSheet {
  sheet: string | null;
  columns: Array<{ header: string; field: ImportField | null }>;
  /** Field → column index. */
  index: Partial<Record<ImportField, number>>;
  rows: Array<{ row: number; cells: CellValue[] }>;
  /** The work area named above the header (工作方面：X), used when the sheet has no area column. */
  defaultArea: string | null;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function decodeCsv(bytes: Uint8Array): string {
  const strict = (enc: string, b: Uint8Array) => {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(b);
    } catch {
      return null;
    }
  };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = hasBom ? strict('utf-8', bytes.subarray(3)) : (strict('utf-8', bytes) ?? strict('gb18030', bytes));
  if (text === null) throw badRequest('unsupported_encoding', 'The CSV is neither UTF-8 nor GB18030 text');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw new AppError('unsupported_file', 'The file is neither an Excel workbook (.xlsx) nor CSV text', 415);
  return text;
}

/** RFC 4180 CSV (comma, or tab when the first line has more tabs than commas); quoted fields may span lines. */
export function parseCsv(text: string): Array<{ row: number; cells: CellValue[] }> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const out: Array<{ row: number; cells: CellValue[] }> = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      out.push({ row: rowStart, cells });
      cells = [];
      field = '';
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (field !== '' || cells.length) {
    cells.push(field);
    out.push({ row: rowStart, cells });
  }
  return out;
}

function excelValue(cell: ExcelJS.Cell): CellValue {
  const v = (cell.isMerged ? cell.master : cell).value;
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) {
      const r = v.result;
      return r instanceof Date || typeof r === 'number' || typeof r === 'string' ? r : null;
    }
    if ('text' in v) return typeof v.text === 'string' ? v.text : null;
  }
  return null;
}

async function readWorkbook(bytes: Uint8Array): Promise<SheetRows[]> {
  const checked = await checkZipArchive(bytes, { maxEntries: 2000, maxTotalUnpacked: 200 * 1024 * 1024, maxRatio: 200, ratioAppliesAbove: 1024 * 1024 });
  if ('problem' in checked) throw badRequest('unreadable_file', `The workbook cannot be read: ${checked.problem}`);
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw badRequest('unreadable_file', 'The file is a ZIP container but not a readable Excel workbook (.xlsx)');
  }
  return wb.worksheets.map((ws) => {
    if (ws.actualRowCount > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS + 2) {
      throw badRequest('too_many_rows', `Sheet “${ws.name}” has ${ws.actualRowCount} rows; an import holds at most ${MAX_IMPORT_ROWS}. Split the file.`);
    }
    const rows: SheetRows['rows'] = [];
    const width = Math.min(MAX_COLUMNS, ws.columnCount);
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      for (let c = 1; c <= Math.min(MAX_COLUMNS, Math.max(row.cellCount, width)); c++) cells.push(excelValue(row.getCell(c)));
      rows.push({ row: rowNumber, cells });
    });
    return { sheet: ws.name, rows, preamble: [] };
  });
}

/** Finds the header row (one naming the task title, maybe with a second header row under merged groups). */
function parseSheet(s: SheetRows): ParsedSheet | null {
  const candidates = s.rows.slice(0, HEADER_SEARCH_ROWS);
  // A header row names the task column and at least one other column (so a notes sheet listing 工作任务 is no header).
  const at = candidates.findIndex((r) => {
    const fields = r.cells.map((c) => fieldOfHeader(cellText(c)));
    return fields.includes('title') && fields.filter((f) => f !== null && f !== 'title').length > 0;
  });
  if (at < 0) return null;
  const header = candidates[at]!.cells.map(cellText);
  let consumed = at + 1;
  const next = s.rows[at + 1];
  // A two-level header: group cells (责任分工, 推进情况) over columns named in the row below.
  if (next && next.cells.some((c, i) => cellText(c) && fieldOfHeader(cellText(c)) && fieldOfHeader(header[i] ?? '') !== fieldOfHeader(cellText(c)) && ['group', null].includes(fieldOfHeader(header[i] ?? '')))) {
    next.cells.forEach((c, i) => {
      const sub = cellText(c);
      if (sub && fieldOfHeader(sub) && ['group', null].includes(fieldOfHeader(header[i] ?? ''))) header[i] = sub;
    });
    consumed += 1;
  }
  const columns = header.map((h) => ({ header: h, field: h ? fieldOfHeader(h) : null }));
  const index: ParsedSheet['index'] = {};
  columns.forEach((c, i) => {
    if (c.field && index[c.field] === undefined) index[c.field] = i;
  });
  const preamble = s.rows.slice(0, at).flatMap((r) => r.cells.map(cellText).filter(Boolean));
  const heading = preamble.map((t) => /^(?:工作方面|work area)\s*[:：]\s*(.+)$/iu.exec(t.normalize('NFKC'))?.[1]?.trim()).find(Boolean) ?? null;
  return { sheet: s.sheet, columns: columns.filter((c) => c.header), index, rows: s.rows.slice(consumed), defaultArea: heading };
}

/** Reads the file into its data sheets; throws 4xx for files that are not a workbook or CSV, or too large. */
export async function readImportFile(bytes: Uint8Array): Promise<{ format: 'xlsx' | 'csv'; sheets: ParsedSheet[] }> {
  if (bytes.length === 0) throw badRequest('empty_file', 'The file is empty');
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('payload_too_large', `An import file may have at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, 413);
  const format = isZip(bytes) ? 'xlsx' : 'csv';
  const raw = format === 'xlsx' ? await readWorkbook(bytes) : [{ sheet: null, rows: parseCsv(decodeCsv(bytes)), preamble: [] }];
  if (format === 'csv' && raw[0]!.rows.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS + 2) {
    throw badRequest('too_many_rows', `${raw[0]!.rows.length} rows; an import holds at most ${MAX_IMPORT_ROWS}. Split the file.`);
  }
  for (const sheet of raw) for (const r of sheet.rows) if (r.cells.length > MAX_COLUMNS) r.cells.length = MAX_COLUMNS;
  const sheets = raw.map(parseSheet).filter((s): s is ParsedSheet => s !== null);
  if (sheets.length === 0) throw badRequest('no_header', 'No header row naming the task column (工作任务 / task) and another column was found in the first 10 rows');
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total > MAX_IMPORT_ROWS) throw badRequest('too_many_rows', `${total} rows; an import holds at most ${MAX_IMPORT_ROWS}. Split the file.`);
  return { format, sheets };
}

async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
