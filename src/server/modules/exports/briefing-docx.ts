/**
 * The 通报 as a Word document laid out like an office's own: A4 with the margins of GB/T 9704 (top 37 mm, bottom
 * 35 mm, left 28 mm, right 26 mm), the title in 方正小标宋简体 二号, the body in 仿宋_GB2312 三号 at a fixed 28-point
 * line pitch with a two-character first-line indent, level-one headings in 黑体 and level-two in 楷体_GB2312. Chinese
 * fonts are named in the run's eastAsia slot (Latin text and digits use Times New Roman); a machine without the
 * GB2312-named fonts substitutes its own 仿宋/楷体 through its font replacement table.
 */
import { AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, VerticalAlign, Footer, PageNumber } from 'docx';
import { convertToHant } from '../../../core/intake/opencc.ts';
import type { ExportLang } from '../../../contract/exports.ts';
import type { Briefing } from './briefing-data.ts';

const MM = 56.7;
const TITLE = '方正小标宋简体';
const BODY = '仿宋_GB2312';
const HEI = '黑体';
const KAI = '楷体_GB2312';
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const ERHAO = 44;
const SANHAO = 32;
const SIHAO = 28;

const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, cs: eastAsia, hint: 'eastAsia' });
const exact = (pt: number) => ({ line: pt * 20, lineRule: LineRuleType.EXACT });

/** Sentences of the briefing. Chinese is written once in Simplified; Traditional is converted from the template. */
interface Words {
  title: (p: string) => string;
  period: (from: string, to: string) => string;
  h1: [string, string, string, string];
  overview: (b: Briefing) => string;
  bestWorst: (b: Briefing) => string;
  unitColumns: string[];
  redItem: (i: { title: string; unit: string; dueDate: string | null; reason: string }) => string;
  early: (i: { title: string; unit: string; closedOn: string; daysEarly: number }) => string;
  firstTime: (i: { title: string; unit: string; periodKey: string }) => string;
  h2Early: string;
  h2First: string;
  none: string;
  footer: string;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const zh: Words = {
  title: (p) => `关于${p}落实情况的通报`,
  period: (from, to) => `（${cnDate(from)}至${cnDate(to)}）`,
  h1: ['一、总体情况', '二、各单位推进情况', '三、亮红灯事项', '四、表扬事项'],
  overview: (b) =>
    `截至${cnDate(b.asOf)}，${b.programmeTitle}共有任务${b.tasks}项，已销号${b.closed}项（其中本期销号${b.closedInPeriod}项），完成率${pct(b.tasks ? b.closed / b.tasks : 0)}；` +
    `亮红灯${b.red}项、黄灯${b.yellow}项，逾期未完成${b.overdue}项。`,
  bestWorst: (b) =>
    [
      b.best ? `从各牵头单位看，${b.best.unit}推进最快，完成率${pct(b.best.rate)}。` : '',
      b.worst ? `${b.worst.unit}红灯和逾期事项最多（红灯${b.worst.red}项、逾期${b.worst.overdue}项），需加大推进力度。` : '',
    ].join(''),
  unitColumns: ['序号', '牵头单位', '任务数', '已销号', '完成率', '红灯', '黄灯', '逾期'],
  redItem: (i) => `${i.title}（牵头单位：${i.unit || '未定'}；完成时限：${i.dueDate ? cnDate(i.dueDate) : '未定'}）。亮灯原因：${i.reason || '—'}`,
  early: (i) => `${i.unit}牵头的“${i.title}”于${cnDate(i.closedOn)}销号，较完成时限提前${i.daysEarly}天。`,
  firstTime: (i) => `${i.unit}报送的“${i.title}”${i.periodKey}进展报告一次审核通过。`,
  h2Early: '（一）提前销号',
  h2First: '（二）报告一次审核通过',
  none: '本期无。',
  footer: '— 第 {page} 页 —',
};

const hantCache = new Map<string, string>();
/** Converts a template's fixed text to Traditional, leaving the data put into it as written. */
function hant<A extends unknown[]>(f: (...args: A) => string, ...args: A): string {
  // Render with markers in place of the data, convert the markers' surroundings only, then put the data back.
  const data: string[] = [];
  const marked = args.map((a) => mark(a, data)) as A;
  const template = f(...marked);
  let converted = hantCache.get(template);
  if (converted === undefined) {
    converted = convertToHant(template);
    hantCache.set(template, converted);
  }
  return converted.replace(/\uE000(\d+)\uE001/g, (_, n: string) => data[Number(n)]!);
}

/** Replaces every string inside a value by a private-use marker that conversion leaves alone. */
function mark(value: unknown, data: string[]): unknown {
  if (typeof value === 'string') {
    data.push(value);
    return `\uE000${data.length - 1}\uE001`;
  }
  if (Array.isArray(value)) return value.map((v) => mark(v, data));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'asOf' || k === 'dueDate' || k === 'closedOn' || k === 'from' || k === 'to' ? v : mark(v, data)]));
  return value;
}

const en: Words = {
  title: (p) => `Briefing on the delivery of ${p}`,
  period: (from, to) => `(${from} to ${to})`,
  h1: ['1. Overview', '2. Progress by unit', '3. Red items', '4. Commendations'],
  overview: (b) =>
    `As of ${b.asOf}, ${b.programmeTitle} has ${b.tasks} tasks; ${b.closed} are closed (${b.closedInPeriod} in this period), a completion rate of ${pct(b.tasks ? b.closed / b.tasks : 0)}. ` +
    `${b.red} are red and ${b.yellow} yellow; ${b.overdue} are overdue.`,
  bestWorst: (b) =>
    [
      b.best ? ` Among lead units, ${b.best.unit} did best with a completion rate of ${pct(b.best.rate)}.` : '',
      b.worst ? ` ${b.worst.unit} has the most red and overdue items (${b.worst.red} red, ${b.worst.overdue} overdue) and must speed up.` : '',
    ].join(''),
  unitColumns: ['No.', 'Lead unit', 'Tasks', 'Closed', 'Rate', 'Red', 'Yellow', 'Overdue'],
  redItem: (i) => `${i.title} (lead unit: ${i.unit || 'none'}; deadline: ${i.dueDate ?? 'none'}). Why red: ${i.reason || '—'}`,
  early: (i) => `“${i.title}”, led by ${i.unit}, was closed on ${i.closedOn}, ${i.daysEarly} days before its deadline.`,
  firstTime: (i) => `${i.unit}’s report for ${i.periodKey} on “${i.title}” was accepted at its first submission.`,
  h2Early: '4.1 Closed early',
  h2First: '4.2 Reports accepted at first submission',
  none: 'None in this period.',
  footer: '— page {page} —',
};

/** The words in the requested language; Traditional comes from converting the Simplified templates. */
function wordsFor(lang: ExportLang): Words {
  if (lang === 'en') return en;
  if (lang === 'zh-Hans') return zh;
  return {
    ...zh,
    title: (p) => hant(zh.title, p),
    period: (from, to) => convertToHant(zh.period(from, to)),
    h1: zh.h1.map(convertToHant) as Words['h1'],
    overview: (b) => hant(zh.overview, b),
    bestWorst: (b) => hant(zh.bestWorst, b),
    unitColumns: zh.unitColumns.map(convertToHant),
    redItem: (i) => hant(zh.redItem, i),
    early: (i) => hant(zh.early, i),
    firstTime: (i) => hant(zh.firstTime, i),
    h2Early: convertToHant(zh.h2Early),
    h2First: convertToHant(zh.h2First),
    none: convertToHant(zh.none),
    footer: convertToHant(zh.footer),
  };
}

const body = (text: string, opts: { indent?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: exact(28),
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, font: font(BODY), size: SANHAO })],
  });

const heading1 = (text: string) =>
  new Paragraph({ spacing: exact(28), indent: { firstLine: 640 }, children: [new TextRun({ text, font: font(HEI), size: SANHAO })] });

const heading2 = (text: string) =>
  new Paragraph({ spacing: exact(28), indent: { firstLine: 640 }, children: [new TextRun({ text, font: font(KAI), size: SANHAO })] });

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function unitTable(b: Briefing, w: Words): Table {
  const cell = (text: string, head: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      children: [new Paragraph({ alignment: align, children: [new TextRun({ text, font: font(head ? HEI : BODY), size: SIHAO })] })],
    });
  const widths = [8, 32, 10, 10, 12, 9, 9, 10];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths.map((p) => Math.round((p / 100) * (210 - 28 - 26) * MM)),
    rows: [
      new TableRow({ tableHeader: true, children: w.unitColumns.map((c) => cell(c, true)) }),
      ...b.units.map((u, i) => new TableRow({
        children: [String(i + 1), u.unit, String(u.tasks), String(u.closed), pct(u.rate), String(u.red), String(u.yellow), String(u.overdue)].map((text, col) => cell(text, false, col === 1 ? AlignmentType.LEFT : AlignmentType.CENTER)),
      })),
    ],
  });
}

/** Renders the briefing to DOCX bytes. */
export async function renderBriefingDocx(b: Briefing): Promise<Buffer> {
  const w = wordsFor(b.lang);
  const numbered = <T>(items: T[], line: (item: T) => string) => (items.length ? items.map((item, i) => body(`${i + 1}. ${line(item)}`)) : [body(w.none)]);
  const [before, after] = w.footer.split('{page}') as [string, string];
  const doc = new Document({
    creator: 'Luoshi',
    title: w.title(b.programmeTitle),
    styles: { default: { document: { run: { font: font(BODY), size: SANHAO } } } },
    sections: [{
      properties: {
        page: {
          size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
          margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
        },
      },
      footers: {
        default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [before, PageNumber.CURRENT, after], font: font('宋体'), size: SIHAO })] })] }),
      },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...exact(36), after: 240 }, children: [new TextRun({ text: w.title(b.programmeTitle), font: font(TITLE), size: ERHAO })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(28), children: [new TextRun({ text: b.office, font: font(KAI), size: SANHAO })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...exact(28), after: 280 }, children: [new TextRun({ text: w.period(b.from, b.to), font: font(BODY), size: SANHAO })] }),
        heading1(w.h1[0]),
        body(`${w.overview(b)}${w.bestWorst(b)}`),
        heading1(w.h1[1]),
        unitTable(b, w),
        heading1(w.h1[2]),
        ...numbered(b.redItems, w.redItem),
        heading1(w.h1[3]),
        heading2(w.h2Early),
        ...numbered(b.earlyClosures, w.early),
        heading2(w.h2First),
        ...numbered(b.firstTime, w.firstTime),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

/** The file name: the title, the period's end date. */
export function briefingFileName(b: Briefing): string {
  const title = wordsFor(b.lang).title(b.programmeTitle);
  const safe = [...title].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return `${safe.slice(0, 100)}-${b.to}.docx`;
}
