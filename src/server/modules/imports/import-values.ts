/** Cell values of an import: dates as offices write them, lists of units, plain text. */
import { formatIsoDate, daysInMonth, isIsoDate } from '../../../core/time.ts';

export type CellValue = string | number | Date | null;

export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').trim();
}

const valid = (y: number, m: number, d: number) => y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/**
 * A date cell as an ISO date, or null when it is not one. Accepts real date cells, Excel serial numbers,
 * 2024-06-30, 2024/6/30, 2024.6.30, 2024年6月30日, and the offices' 2024年6月底 / 2024年底 (the last day).
 */
export function parseDateCell(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // Excel's serial day numbers (1900 system), within a sane range of years.
    if (!Number.isInteger(v) || v < 20000 || v > 80000) return null;
    return new Date(Date.UTC(1899, 11, 30) + v * 86400000).toISOString().slice(0, 10);
  }
  const s = cellText(v).normalize('NFKC').replace(/\s+/g, '');
  if (!s) return null;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? formatIsoDate(y, mo, d) : null;
  }
  m = /^(\d{4})年(\d{1,2})月(?:底|末)$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return valid(y, mo, 1) ? formatIsoDate(y, mo, daysInMonth(y, mo)) : null;
  }
  m = /^(\d{4})年(?:底|末)$/.exec(s);
  if (m) return formatIsoDate(Number(m[1]), 12, 31);
  return isIsoDate(s) ? s : null;
}

/** A list of unit names in one cell: separated by 、，,；;／/ or line breaks. */
export function splitList(v: string): string[] {
  return v.split(/[、，,；;／/\n]+/u).map((s) => s.trim()).filter(Boolean);
}

/** Unit and area names compared without spaces and width differences. */
export const nameKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
