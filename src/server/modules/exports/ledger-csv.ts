/**
 * The 台账 as CSV: UTF-8 with a byte-order mark (so Excel on Chinese Windows opens it as UTF-8), CRLF line ends,
 * one flat table (the work area as a column), and formula injection neutralised: a cell that a spreadsheet would
 * read as a formula is prefixed with an apostrophe.
 */
import type { Writable } from 'node:stream';
import type { LedgerExport, Progress } from './ledger-data.ts';

/** Characters that make Excel, LibreOffice or Sheets evaluate a cell (tab and CR too: some strip them first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised, then quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** Writes the CSV to `out`, respecting back-pressure, and ends it. */
export async function writeLedgerCsv(data: LedgerExport, out: Writable, onProgress?: Progress): Promise<void> {
  const c = data.words.columns;
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`\uFEFF${csvLine([c.ordinal, data.words.area, c.title, c.leadUnit, c.coUnits, c.owner, c.dueDate, c.progress, c.health, c.latestReport, c.remarks])}`);
  let done = 0;
  for (const section of data.sections) {
    for (const l of section.lines) {
      await write(csvLine([l.number, section.areaTitle, l.task.title, l.leadUnit, l.coUnits, l.owner, l.task.dueDate ?? '', l.progressText, l.healthWord, l.latestReport, l.remarks]));
      onProgress?.(++done, data.rowCount);
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
