/**
 * Column mapping of an import file: each header is matched, after normalising (spaces, full-width forms, case,
 * Traditional → Simplified), against the aliases below. Unknown headers are ignored and reported as such.
 */
import { convertToHans } from '../../../core/intake/opencc.ts';

export const IMPORT_FIELDS = ['area', 'title', 'leadUnit', 'coUnits', 'owner', 'dueDate', 'startDate', 'description', 'tags', 'ordinal', 'group'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Aliases by field, in Simplified Chinese and English (Traditional headers are converted before matching). */
export const ALIASES: Record<ImportField, readonly string[]> = {
  area: ['工作方面', '方面', '领域', '工作领域', '板块', '类别', 'area', 'work area', 'workarea'],
  title: ['工作任务', '任务', '任务名称', '重点任务', '工作事项', '事项', '工作内容及目标', 'title', 'task', 'task title'],
  leadUnit: ['牵头单位', '责任单位', '主责单位', '牵头部门', '责任部门', 'lead unit', 'lead', 'leadunit'],
  coUnits: ['配合单位', '协办单位', '参与单位', '配合部门', 'co-units', 'co units', 'co-unit', 'counits'],
  owner: ['责任人', '负责人', '联系人', 'owner', 'responsible person'],
  dueDate: ['完成时限', '时限', '完成时间', '截止日期', '截止时间', '办结时限', 'due date', 'deadline', 'due'],
  startDate: ['开始日期', '开始时间', '启动时间', 'start date', 'start'],
  description: ['工作内容', '具体内容', '具体措施', '说明', '工作要求', 'description', 'details'],
  tags: ['标签', 'tags'],
  // Recognised so they are not reported as unknown, but not imported: numbering, and the exported ledger's state.
  ordinal: ['序号', '编号', 'no.', 'no', '#'],
  group: ['责任分工', '推进情况', '进展情况', '亮灯', '最近反馈', '备注', 'progress', 'health', 'latest report', 'remarks', 'responsibility', 'delivery'],
};

/** Fields that carry data into the task; `ordinal` and `group` are only recognised. */
export const DATA_FIELDS: readonly ImportField[] = ['area', 'title', 'leadUnit', 'coUnits', 'owner', 'dueDate', 'startDate', 'description', 'tags'];

export function normaliseHeader(raw: string): string {
  return convertToHans(raw.normalize('NFKC')).replace(/[\s*＊:：]+/g, ' ').trim().toLowerCase();
}

const LOOKUP = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const alias of ALIASES[field]) LOOKUP.set(normaliseHeader(alias), field);

/** The field a header names, or null. */
export function fieldOfHeader(raw: string): ImportField | null {
  const h = normaliseHeader(raw);
  return LOOKUP.get(h) ?? LOOKUP.get(h.replace(/\s+/g, '')) ?? null;
}

/** The English and Chinese headers of the template, in its column order. */
export const TEMPLATE_COLUMNS: Array<{ field: ImportField; zh: string; en: string; required: boolean; width: number }> = [
  { field: 'area', zh: '工作方面', en: 'Work area', required: true, width: 22 },
  { field: 'title', zh: '工作任务', en: 'Task', required: true, width: 40 },
  { field: 'leadUnit', zh: '牵头单位', en: 'Lead unit', required: false, width: 18 },
  { field: 'coUnits', zh: '配合单位', en: 'Co-units', required: false, width: 24 },
  { field: 'owner', zh: '责任人', en: 'Owner', required: false, width: 12 },
  { field: 'startDate', zh: '开始日期', en: 'Start date', required: false, width: 12 },
  { field: 'dueDate', zh: '完成时限', en: 'Due date', required: false, width: 12 },
  { field: 'description', zh: '工作内容', en: 'Description', required: false, width: 36 },
  { field: 'tags', zh: '标签', en: 'Tags', required: false, width: 14 },
];
