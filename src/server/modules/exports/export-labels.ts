/**
 * The fixed words of exported files in each UI language. Task titles, unit names and report texts stay as written;
 * only headings, states, health words and the briefing's sentences follow the requested language.
 */
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { ExportLang } from '../../../contract/exports.ts';

export interface LedgerWords {
  ledgerTitle: (programme: string) => string;
  allProgrammes: string;
  asOf: (date: string) => string;
  filtered: string;
  selection: (n: number) => string;
  /** The two header rows: groups, then the columns under them. */
  columns: {
    ordinal: string;
    title: string;
    duty: string;
    leadUnit: string;
    coUnits: string;
    owner: string;
    dueDate: string;
    status: string;
    progress: string;
    health: string;
    latestReport: string;
    remarks: string;
  };
  area: string;
  summarySheet: string;
  summaryTitle: string;
  summaryColumns: { area: string; tasks: string; closed: string; red: string; yellow: string; green: string; blue: string; grey: string; overdue: string };
  total: string;
  noArea: string;
  health: Record<HealthColour, string>;
  state: Record<TaskState, string>;
  pendingExtension: (date: string) => string;
  suspendedUntil: (date: string) => string;
  overdueDays: (n: number) => string;
}

const zhHans: LedgerWords = {
  ledgerTitle: (p) => `${p}工作台账`,
  allProgrammes: '全部重点工作',
  asOf: (d) => `截至${d}`,
  filtered: '（按筛选条件）',
  selection: (n) => `（选定${n}项）`,
  columns: {
    ordinal: '序号', title: '工作任务', duty: '责任分工', leadUnit: '牵头单位', coUnits: '配合单位', owner: '责任人', dueDate: '完成时限',
    status: '推进情况', progress: '进展情况', health: '亮灯', latestReport: '最近反馈', remarks: '备注',
  },
  area: '工作方面',
  summarySheet: '汇总',
  summaryTitle: '汇总表',
  summaryColumns: { area: '工作方面', tasks: '任务数', closed: '已销号', red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯', grey: '挂账', overdue: '逾期' },
  total: '合计',
  noArea: '未分方面',
  health: { red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯', grey: '挂账', none: '—' },
  state: { draft: '草拟', assigned: '已交办', signed: '已签收', reassign_requested: '申请改派', in_progress: '推进中', completion_requested: '申请办结', suspended: '挂账', closed: '已销号' },
  pendingExtension: (d) => `申请延期至${d}`,
  suspendedUntil: (d) => `挂账，${d}复核`,
  overdueDays: (n) => `逾期${n}天`,
};

const zhHant: LedgerWords = {
  ledgerTitle: (p) => `${p}工作臺賬`,
  allProgrammes: '全部重點工作',
  asOf: (d) => `截至${d}`,
  filtered: '（按篩選條件）',
  selection: (n) => `（選定${n}項）`,
  columns: {
    ordinal: '序號', title: '工作任務', duty: '責任分工', leadUnit: '牽頭單位', coUnits: '配合單位', owner: '責任人', dueDate: '完成時限',
    status: '推進情況', progress: '進展情況', health: '亮燈', latestReport: '最近反饋', remarks: '備註',
  },
  area: '工作方面',
  summarySheet: '匯總',
  summaryTitle: '匯總表',
  summaryColumns: { area: '工作方面', tasks: '任務數', closed: '已銷號', red: '紅燈', yellow: '黃燈', green: '綠燈', blue: '藍燈', grey: '掛賬', overdue: '逾期' },
  total: '合計',
  noArea: '未分方面',
  health: { red: '紅燈', yellow: '黃燈', green: '綠燈', blue: '藍燈', grey: '掛賬', none: '—' },
  state: { draft: '草擬', assigned: '已交辦', signed: '已簽收', reassign_requested: '申請改派', in_progress: '推進中', completion_requested: '申請辦結', suspended: '掛賬', closed: '已銷號' },
  pendingExtension: (d) => `申請延期至${d}`,
  suspendedUntil: (d) => `掛賬，${d}複核`,
  overdueDays: (n) => `逾期${n}天`,
};

const en: LedgerWords = {
  ledgerTitle: (p) => `Ledger: ${p}`,
  allProgrammes: 'All programmes',
  asOf: (d) => `as of ${d}`,
  filtered: ' (filtered)',
  selection: (n) => ` (${n} selected)`,
  columns: {
    ordinal: 'No.', title: 'Task', duty: 'Responsibility', leadUnit: 'Lead unit', coUnits: 'Co-units', owner: 'Responsible person', dueDate: 'Deadline',
    status: 'Delivery', progress: 'Progress', health: 'Health', latestReport: 'Latest report', remarks: 'Remarks',
  },
  area: 'Work area',
  summarySheet: 'Summary',
  summaryTitle: 'Summary',
  summaryColumns: { area: 'Work area', tasks: 'Tasks', closed: 'Closed', red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue', grey: 'Suspended', overdue: 'Overdue' },
  total: 'Total',
  noArea: 'No work area',
  health: { red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue', grey: 'Suspended', none: '—' },
  state: { draft: 'Draft', assigned: 'Assigned', signed: 'Signed for', reassign_requested: 'Reassignment requested', in_progress: 'In progress', completion_requested: 'Completion requested', suspended: 'Suspended', closed: 'Closed' },
  pendingExtension: (d) => `extension to ${d} requested`,
  suspendedUntil: (d) => `suspended, review on ${d}`,
  overdueDays: (n) => `${n} days overdue`,
};

export const LEDGER_WORDS: Record<ExportLang, LedgerWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** Health fills as ARGB, the colours supervision offices print (deep enough to survive a greyscale copy). */
export const HEALTH_FILL: Record<HealthColour, string | null> = {
  red: 'FFE53935',
  yellow: 'FFFDD835',
  green: 'FF43A047',
  blue: 'FF1E88E5',
  grey: 'FFBDBDBD',
  none: null,
};

/** Text colour on each fill, for contrast. */
export const HEALTH_FONT: Record<HealthColour, string> = {
  red: 'FFFFFFFF',
  yellow: 'FF000000',
  green: 'FFFFFFFF',
  blue: 'FFFFFFFF',
  grey: 'FF000000',
  none: 'FF000000',
};
