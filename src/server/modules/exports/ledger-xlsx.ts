/**
 * The 台账 as an Excel workbook, laid out the way supervision offices keep it: a 汇总 (summary) sheet, then one sheet
 * per work area whose heading is the area; a title row with programme and date, a two-level merged header, frozen
 * panes, health as a coloured cell with the word in it, wrapped text and A4-landscape page setup. Written with
 * exceljs's streaming writer, so rows leave for the client as they are written.
 */
import type { Writable } from 'node:stream';
// Loaded when a workbook is made or read: exceljs takes a third of a second to load, which the server's start
// (and every process that never touches a spreadsheet) should not pay.
import type ExcelJS from 'exceljs';
import type { HealthColour } from '../../../core/tasks/index.ts';
import { HEALTH_FILL, HEALTH_FONT } from './export-labels.ts';
import type { LedgerExport, LedgerSection, Progress } from './ledger-data.ts';

const TITLE_FONT = '方正小标宋简体';
const HEAD_FONT = '黑体';
const BODY_FONT = '仿宋_GB2312';

/** Column widths (characters) chosen so that the ten columns fill one A4-landscape page at 100 %. */
const WIDTHS = [6, 34, 13, 15, 8, 11, 14, 7, 30, 18];
const LAST_COL = 'J';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** A4 landscape, fitted to the page width, the two header rows repeated on every printed page. */
function pageSetup(ws: ExcelJS.Worksheet, printTitles: string | null): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(printTitles ? { printTitlesRow: printTitles } : {}),
  } as ExcelJS.Worksheet['pageSetup'];
  ws.headerFooter = { oddFooter: '&C第 &P 页 / 共 &N 页' } as ExcelJS.Worksheet['headerFooter'];
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ , unique in the workbook. */
function sheetName(title: string, index: number, used: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  let name = `${index}.${clean}`.slice(0, 31);
  for (let n = 2; used.has(name); n++) name = `${index}.${clean}`.slice(0, 27) + `(${n})`;
  used.add(name);
  return name;
}

function titleRows(ws: ExcelJS.Worksheet, data: LedgerExport, heading: string): void {
  const title = ws.addRow([data.title]);
  title.height = 32;
  title.getCell(1).font = { name: TITLE_FONT, size: 18 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(`A1:${LAST_COL}1`);
  title.commit();
  const sub = ws.addRow([heading, '', '', '', '', '', '', data.words.asOf(data.asOf)]);
  sub.height = 22;
  sub.getCell(1).font = { name: HEAD_FONT, size: 12 };
  sub.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sub.getCell(8).font = { name: BODY_FONT, size: 11 };
  sub.getCell(8).alignment = { horizontal: 'right', vertical: 'middle' };
  ws.mergeCells('A2:G2');
  ws.mergeCells(`H2:${LAST_COL}2`);
  sub.commit();
}

function headerRows(ws: ExcelJS.Worksheet, data: LedgerExport): void {
  const c = data.words.columns;
  const top = ws.addRow([c.ordinal, c.title, c.duty, '', '', c.dueDate, c.status, '', '', c.remarks]);
  const bottom = ws.addRow(['', '', c.leadUnit, c.coUnits, c.owner, '', c.progress, c.health, c.latestReport, '']);
  for (const row of [top, bottom]) {
    row.height = 20;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: HEAD_FONT, size: 11 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
  }
  // 序号, 工作任务, 完成时限 and 备注 span both header rows; 责任分工 and 推进情况 group three columns each.
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:E3');
  ws.mergeCells('F3:F4');
  ws.mergeCells('G3:I3');
  ws.mergeCells('J3:J4');
  top.commit();
  bottom.commit();
}

function healthCell(cell: ExcelJS.Cell, colour: HealthColour): void {
  const fill = HEALTH_FILL[colour];
  if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  cell.font = { name: HEAD_FONT, size: 11, color: { argb: HEALTH_FONT[colour] } };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

function areaSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, data: LedgerExport, section: LedgerSection, name: string, tick: () => void): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 4, topLeftCell: 'C5', activeCell: 'C5' }] });
  ws.columns = WIDTHS.map((width) => ({ width }));
  pageSetup(ws, '3:4');
  titleRows(ws, data, `${data.words.area}：${section.areaTitle}`);
  headerRows(ws, data);
  for (const line of section.lines) {
    const t = line.task;
    const row = ws.addRow([line.number, t.title, line.leadUnit, line.coUnits, line.owner, t.dueDate ?? '', line.progressText, line.healthWord, line.latestReport, line.remarks]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: BODY_FONT, size: 11, ...(col === 10 && line.overdue ? { color: { argb: 'FFC00000' } } : {}) };
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: col === 1 || col === 5 || col === 6 ? 'center' : 'left' };
      cell.border = border;
    });
    healthCell(row.getCell(8), t.health);
    row.commit();
    tick();
  }
  ws.commit();
}

function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, data: LedgerExport): void {
  const w = data.words;
  const ws = wb.addWorksheet(w.summarySheet, { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  ws.columns = [36, 10, 10, 10, 10, 10, 10, 10, 10].map((width) => ({ width }));
  pageSetup(ws, '3:3');
  const title = ws.addRow([`${data.title}${w.summaryTitle}`]);
  title.height = 32;
  title.getCell(1).font = { name: TITLE_FONT, size: 18 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells('A1:I1');
  title.commit();
  const date = ws.addRow([w.asOf(data.asOf)]);
  date.getCell(1).alignment = { horizontal: 'right' };
  date.getCell(1).font = { name: BODY_FONT, size: 11 };
  ws.mergeCells('A2:I2');
  date.commit();
  const s = w.summaryColumns;
  const head = ws.addRow([s.area, s.tasks, s.closed, s.red, s.yellow, s.green, s.blue, s.grey, s.overdue]);
  head.eachCell((cell) => {
    cell.font = { name: HEAD_FONT, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  head.commit();
  const colours: HealthColour[] = ['red', 'yellow', 'green', 'blue', 'grey'];
  const totals = [0, 0, 0, 0, 0, 0, 0, 0];
  const line = (label: string, counts: number[], bold: boolean) => {
    const row = ws.addRow([label, ...counts]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: bold ? HEAD_FONT : BODY_FONT, size: 11 };
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: col === 1 ? 'left' : 'center' };
      cell.border = border;
    });
    colours.forEach((c, i) => {
      const cell = row.getCell(4 + i);
      if (Number(cell.value) > 0) healthCell(cell, c);
    });
    row.commit();
  };
  for (const section of data.sections) {
    const tasks = section.lines.map((l) => l.task);
    const counts = [
      tasks.length,
      tasks.filter((t) => t.state === 'closed').length,
      ...colours.map((c) => tasks.filter((t) => t.health === c).length),
      section.lines.filter((l) => l.overdue).length,
    ];
    counts.forEach((n, i) => (totals[i]! += n));
    line(section.areaTitle, counts, false);
  }
  line(w.total, totals, true);
  ws.commit();
}

/** Writes the workbook to `out` (ended when done); `onRow` counts rows for progress bars. */
export async function writeLedgerXlsx(data: LedgerExport, out: Writable, onProgress?: Progress): Promise<void> {
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Luoshi';
  wb.created = new Date(`${data.asOf}T00:00:00Z`);
  summarySheet(wb, data);
  const used = new Set<string>([data.words.summarySheet]);
  let done = 0;
  const tick = () => onProgress?.(++done, data.rowCount);
  data.sections.forEach((section, i) => areaSheet(wb, data, section, sheetName(section.areaTitle, i + 1, used), tick));
  await wb.commit();
}

async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
