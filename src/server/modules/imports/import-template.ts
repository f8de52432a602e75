/**
 * The downloadable import template: a 任务 sheet with the header row (and the programme's areas and units offered as
 * drop-down lists), and a 填写说明 sheet naming every column, its aliases and the accepted date forms.
 */
// Loaded when a workbook is made or read: exceljs takes a third of a second to load, which the server's start
// (and every process that never touches a spreadsheet) should not pay.
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { ALIASES, TEMPLATE_COLUMNS } from './import-columns.ts';
import { areasOfProgramme } from '../tasks/index.ts';
import { activeUnitNames } from '../units/index.ts';

const HEAD_FONT = '黑体';
const BODY_FONT = '仿宋_GB2312';

export async function renderImportTemplate(db: Kysely<DB>, programme: { id: string; title: string }): Promise<Buffer> {
  const [areas, units] = await Promise.all([areasOfProgramme(db, programme.id), activeUnitNames(db)]);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Luoshi';
  const ws = wb.addWorksheet('任务', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.zh, key: c.field, width: c.width }));
  ws.getRow(1).eachCell((cell) => {
    cell.font = { name: HEAD_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  ws.getRow(1).height = 22;

  // Lists for the drop-downs live on a hidden sheet (a list in the formula itself is limited to 255 characters).
  const lists = wb.addWorksheet('lists', { state: 'hidden' });
  areas.forEach((a, i) => (lists.getCell(i + 1, 1).value = a.title));
  units.forEach((u, i) => (lists.getCell(i + 1, 2).value = u.name));
  const colOf = (field: string) => TEMPLATE_COLUMNS.findIndex((c) => c.field === field) + 1;
  for (let r = 2; r <= 1000; r++) {
    if (areas.length) ws.getCell(r, colOf('area')).dataValidation = { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`lists!$A$1:$A$${areas.length}`] };
    if (units.length) ws.getCell(r, colOf('leadUnit')).dataValidation = { type: 'list', allowBlank: true, showErrorMessage: true, formulae: [`lists!$B$1:$B$${units.length}`] };
    ws.getCell(r, colOf('dueDate')).numFmt = 'yyyy-mm-dd';
    ws.getCell(r, colOf('startDate')).numFmt = 'yyyy-mm-dd';
  }

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 10 }, { width: 60 }, { width: 50 }];
  help.addRow([`${programme.title} — 任务导入模板`]).font = { name: HEAD_FONT, size: 14 };
  help.addRow([]);
  const head = help.addRow(['列名', '必填', '说明', '也可写作']);
  head.font = { name: HEAD_FONT, size: 11 };
  const notes: Record<string, string> = {
    area: '任务所属工作方面；方案中没有的方面会新建。',
    title: '任务名称，1–500字；同一方案内不得重复。',
    leadUnit: '牵头单位全称，须为系统中在用的单位。',
    coUnits: '配合单位，多个单位用顿号“、”或逗号分隔。',
    owner: '牵头单位中的责任人姓名或用户名。',
    startDate: '日期：2024-06-30、2024/6/30、2024年6月30日，或Excel日期。',
    dueDate: '同上；也可写“2024年6月底”“2024年底”，取当月（年）最后一天。',
    description: '工作内容或具体措施。',
    tags: '标签，用顿号分隔。',
  };
  for (const c of TEMPLATE_COLUMNS) {
    const row = help.addRow([c.zh, c.required ? '是' : '否', notes[c.field] ?? '', ALIASES[c.field].filter((a) => a !== c.zh).join('、')]);
    row.font = { name: BODY_FONT, size: 11 };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  help.addRow(['现有工作方面', '', areas.map((a) => a.title).join('、') || '（暂无）']).font = { name: BODY_FONT, size: 11 };
  help.addRow(['导入规则', '', '先“检查”（试导入）列出每一处问题（行号、列、原因）；没有问题才能导入，且全部导入或全部不导入。导入的任务为草拟状态，交办另行操作。']).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
