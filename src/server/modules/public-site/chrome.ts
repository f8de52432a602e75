/**
 * The public pages' own words (their "chrome") in three locales, the visitor's script and language, and the
 * formatting of dates, numbers and states. Content (titles, report texts) stays Chinese and is converted to the
 * chosen script; only the chrome is English under `?lang=en`.
 */
import { asLocalDate } from '../../../core/time.ts';
import { convertToHans, convertToHant } from '../../../core/intake/opencc.ts';

export type Script = 'hans' | 'hant';
export type ChromeLocale = 'zh-Hans' | 'zh-Hant' | 'en';

export interface Reader {
  script: Script;
  lang: 'zh' | 'en';
  locale: ChromeLocale;
}

export function readerOf(script: Script, lang: 'zh' | 'en'): Reader {
  return { script, lang, locale: lang === 'en' ? 'en' : script === 'hant' ? 'zh-Hant' : 'zh-Hans' };
}

/** Chinese content in the reader's script. */
export function inScript(reader: Reader, text: string): string {
  return reader.script === 'hant' ? convertToHant(text) : convertToHans(text);
}

const zhHans = {
  site: '落实 · 公开',
  skip: '跳到正文',
  programmes: '公开的重点工作',
  programmesIntro: '以下工作方案由督查部门公开，展示任务的牵头单位、完成时限、进展和亮灯情况。',
  noProgrammes: '目前没有公开的工作方案。',
  tasksCount: '任务 {n} 项，已办结 {closed} 项',
  publishedAt: '公开于 {date}',
  updatedAt: '更新于 {date}',
  otherTasks: '其他任务',
  task: '任务',
  leadUnit: '牵头单位',
  deadline: '完成时限',
  state: '状态',
  health: '亮灯',
  progress: '进度',
  noDeadline: '未定',
  noUnit: '未定',
  back: '返回工作方案',
  allProgrammes: '全部公开工作方案',
  updates: '公开的进展',
  noUpdates: '暂无公开的进展。',
  period: '报告期 {key}',
  acceptedOn: '审核通过于 {date}',
  evidence: '佐证材料',
  leadsHeading: '群众线索的办理',
  leadAccepted: '线索已受理，已转整改',
  leadAcceptedOnly: '线索已受理，正在核实',
  rectification: '整改任务：{title}',
  rectificationDue: '整改时限：{date}',
  rectificationClosed: '整改已完成（{date}办结），完成进度 {progress}',
  rectificationOpen: '整改进行中：{state}，进度 {progress}',
  formHeading: '提供线索',
  formIntro: '如发现这项工作没有落实到位，请告诉我们。线索由督查部门审核，不会公开您的联系方式。',
  what: '您看到了什么（必填）',
  where: '在哪里（必填）',
  photo: '照片（可选，JPEG/PNG/WebP，不超过 {mb} MB；位置等元数据会被清除）',
  contact: '联系方式（可选，仅督查人员可见）',
  challenge: '验证：{question} 等于多少？',
  submit: '提交线索',
  thanksTitle: '感谢您的线索',
  thanksBody: '线索已收到，督查部门会尽快核实。受理后，本页会显示办理情况。',
  backToTask: '返回任务',
  errorTitle: '未能提交',
  notFoundTitle: '未找到',
  notFoundBody: '该页面不存在，或工作方案未公开。',
  feed: '订阅更新（Atom）',
  json: '数据（JSON）',
  scriptHans: '简体',
  scriptHant: '繁體',
  english: 'English',
  chinese: '中文',
  languageNav: '文字与语言',
  footer: '本页仅显示督查部门公开的内容。',
  progressLabel: '完成 {n}',
  tooMany: '提交过于频繁，请 {minutes} 分钟后再试。',
  state_assigned: '已交办',
  state_signed: '已签收',
  state_reassign_requested: '申请改派',
  state_in_progress: '推进中',
  state_completion_requested: '申请办结',
  state_suspended: '挂账',
  state_closed: '已办结',
  state_draft: '未交办',
  health_red: '红灯',
  health_yellow: '黄灯',
  health_green: '绿灯',
  health_blue: '蓝灯',
  health_grey: '挂账',
  health_none: '未亮灯',
};
export type ChromeKey = keyof typeof zhHans;

const zhHant: Record<ChromeKey, string> = {
  site: '落實 · 公開',
  skip: '跳到正文',
  programmes: '公開的重點工作',
  programmesIntro: '以下工作方案由督查部門公開，展示任務的牽頭單位、完成時限、進展和亮燈情況。',
  noProgrammes: '目前沒有公開的工作方案。',
  tasksCount: '任務 {n} 項，已辦結 {closed} 項',
  publishedAt: '公開於 {date}',
  updatedAt: '更新於 {date}',
  otherTasks: '其他任務',
  task: '任務',
  leadUnit: '牽頭單位',
  deadline: '完成時限',
  state: '狀態',
  health: '亮燈',
  progress: '進度',
  noDeadline: '未定',
  noUnit: '未定',
  back: '返回工作方案',
  allProgrammes: '全部公開工作方案',
  updates: '公開的進展',
  noUpdates: '暫無公開的進展。',
  period: '報告期 {key}',
  acceptedOn: '審核通過於 {date}',
  evidence: '佐證材料',
  leadsHeading: '群眾線索的辦理',
  leadAccepted: '線索已受理，已轉整改',
  leadAcceptedOnly: '線索已受理，正在核實',
  rectification: '整改任務：{title}',
  rectificationDue: '整改時限：{date}',
  rectificationClosed: '整改已完成（{date}辦結），完成進度 {progress}',
  rectificationOpen: '整改進行中：{state}，進度 {progress}',
  formHeading: '提供線索',
  formIntro: '如發現這項工作沒有落實到位，請告訴我們。線索由督查部門審核，不會公開您的聯繫方式。',
  what: '您看到了什麼（必填）',
  where: '在哪裡（必填）',
  photo: '照片（可選，JPEG/PNG/WebP，不超過 {mb} MB；位置等元數據會被清除）',
  contact: '聯繫方式（可選，僅督查人員可見）',
  challenge: '驗證：{question} 等於多少？',
  submit: '提交線索',
  thanksTitle: '感謝您的線索',
  thanksBody: '線索已收到，督查部門會盡快核實。受理後，本頁會顯示辦理情況。',
  backToTask: '返回任務',
  errorTitle: '未能提交',
  notFoundTitle: '未找到',
  notFoundBody: '該頁面不存在，或工作方案未公開。',
  feed: '訂閱更新（Atom）',
  json: '數據（JSON）',
  scriptHans: '简体',
  scriptHant: '繁體',
  english: 'English',
  chinese: '中文',
  languageNav: '文字與語言',
  footer: '本頁僅顯示督查部門公開的內容。',
  progressLabel: '完成 {n}',
  tooMany: '提交過於頻繁，請 {minutes} 分鐘後再試。',
  state_assigned: '已交辦',
  state_signed: '已簽收',
  state_reassign_requested: '申請改派',
  state_in_progress: '推進中',
  state_completion_requested: '申請辦結',
  state_suspended: '掛賬',
  state_closed: '已辦結',
  state_draft: '未交辦',
  health_red: '紅燈',
  health_yellow: '黃燈',
  health_green: '綠燈',
  health_blue: '藍燈',
  health_grey: '掛賬',
  health_none: '未亮燈',
};

const en: Record<ChromeKey, string> = {
  site: 'Luoshi · Public',
  skip: 'Skip to content',
  programmes: 'Published programmes',
  programmesIntro: 'These programmes are published by the supervision office: each task’s lead unit, deadline, progress and health light.',
  noProgrammes: 'No programme is published at the moment.',
  tasksCount: '{n} tasks, {closed} closed',
  publishedAt: 'Published {date}',
  updatedAt: 'Updated {date}',
  otherTasks: 'Other tasks',
  task: 'Task',
  leadUnit: 'Lead unit',
  deadline: 'Deadline',
  state: 'Status',
  health: 'Health',
  progress: 'Progress',
  noDeadline: 'not set',
  noUnit: 'not set',
  back: 'Back to the programme',
  allProgrammes: 'All published programmes',
  updates: 'Published progress',
  noUpdates: 'No progress has been published yet.',
  period: 'Period {key}',
  acceptedOn: 'Accepted {date}',
  evidence: 'Evidence',
  leadsHeading: 'What became of public leads',
  leadAccepted: 'Lead accepted and turned into rectification work',
  leadAcceptedOnly: 'Lead accepted, being verified',
  rectification: 'Rectification task: {title}',
  rectificationDue: 'Rectification deadline: {date}',
  rectificationClosed: 'Rectification completed (closed {date}), {progress} done',
  rectificationOpen: 'Rectification under way: {state}, {progress} done',
  formHeading: 'Report a lead',
  formIntro: 'If you see that this work is not being delivered, tell us. The supervision office reviews every lead; your contact details are never published.',
  what: 'What did you see (required)',
  where: 'Where (required)',
  photo: 'Photo (optional, JPEG/PNG/WebP, up to {mb} MB; location and other metadata are removed)',
  contact: 'Contact (optional, seen only by supervisors)',
  challenge: 'Check: what is {question}?',
  submit: 'Send the lead',
  thanksTitle: 'Thank you for your lead',
  thanksBody: 'We have received it; the supervision office will verify it. Once accepted, this task’s page shows what is being done.',
  backToTask: 'Back to the task',
  errorTitle: 'Not sent',
  notFoundTitle: 'Not found',
  notFoundBody: 'This page does not exist, or the programme is not published.',
  feed: 'Updates feed (Atom)',
  json: 'Data (JSON)',
  scriptHans: '简体',
  scriptHant: '繁體',
  english: 'English',
  chinese: '中文',
  languageNav: 'Script and language',
  footer: 'This page shows only what the supervision office has published.',
  progressLabel: '{n} done',
  tooMany: 'Too many submissions; try again in {minutes} minutes.',
  state_assigned: 'Assigned',
  state_signed: 'Signed for',
  state_reassign_requested: 'Reassignment requested',
  state_in_progress: 'In progress',
  state_completion_requested: 'Completion requested',
  state_suspended: 'Suspended',
  state_closed: 'Closed',
  state_draft: 'Not assigned',
  health_red: 'Red',
  health_yellow: 'Yellow',
  health_green: 'Green',
  health_blue: 'Blue',
  health_grey: 'Suspended',
  health_none: 'No light',
};

const CATALOGUES: Record<ChromeLocale, Record<ChromeKey, string>> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** A chrome string with `{placeholders}` filled. */
export function tr(reader: Reader, key: ChromeKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[reader.locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A state or health word; an unknown value is shown as it is. */
export function word(reader: Reader, prefix: 'state' | 'health', value: string): string {
  const key = `${prefix}_${value}` as ChromeKey;
  return key in zhHans ? tr(reader, key) : value;
}

/** A calendar date (`2024-05-10`) or an instant, as the reader's locale writes a date (China's calendar day). */
export function formatDate(reader: Reader, value: string | null): string {
  if (!value) return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : asLocalDate(new Date(value));
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (reader.locale === 'en') return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  return `${y}年${m}月${d}日`;
}

export function formatPercent(reader: Reader, value: number): string {
  return new Intl.NumberFormat(reader.locale === 'en' ? 'en' : reader.locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** Why a lead was not sent, in the reader's words; keyed by the error code (and field, for missing text). */
const LEAD_ERRORS: Record<string, Record<ChromeLocale, string>> = {
  challenge_wrong: { 'zh-Hans': '验证题答案不对，请重新作答。', 'zh-Hant': '驗證題答案不對，請重新作答。', en: 'The answer to the check question is wrong; please try again.' },
  challenge_expired: { 'zh-Hans': '表单已过期，请回答新的验证题后再提交。', 'zh-Hant': '表單已過期，請回答新的驗證題後再提交。', en: 'The form has expired; answer the new question and send it again.' },
  challenge_invalid: { 'zh-Hans': '表单已失效，请回答新的验证题后再提交。', 'zh-Hant': '表單已失效，請回答新的驗證題後再提交。', en: 'The form is no longer valid; answer the new question and send it again.' },
  challenge_used: { 'zh-Hans': '该表单已提交过，请回答新的验证题。', 'zh-Hant': '該表單已提交過，請回答新的驗證題。', en: 'This form was already sent; answer the new question.' },
  what: { 'zh-Hans': '请写下您看到的情况（不超过 2000 字）。', 'zh-Hant': '請寫下您看到的情況（不超過 2000 字）。', en: 'Please say what you saw (up to 2000 characters).' },
  place: { 'zh-Hans': '请写下地点（不超过 300 字）。', 'zh-Hant': '請寫下地點（不超過 300 字）。', en: 'Please say where (up to 300 characters).' },
  contact: { 'zh-Hans': '联系方式不超过 200 字。', 'zh-Hant': '聯繫方式不超過 200 字。', en: 'Contact details may have up to 200 characters.' },
  unsupported_photo_type: { 'zh-Hans': '照片须为 JPEG、PNG 或 WebP 格式。', 'zh-Hant': '照片須為 JPEG、PNG 或 WebP 格式。', en: 'The photo must be a JPEG, PNG or WebP image.' },
  photo_unreadable: { 'zh-Hans': '无法读取该照片，请换一张。', 'zh-Hant': '無法讀取該照片，請換一張。', en: 'The photo could not be read; please choose another.' },
  payload_too_large: { 'zh-Hans': '照片过大，请选择不超过 5 MB 的照片。', 'zh-Hant': '照片過大，請選擇不超過 5 MB 的照片。', en: 'The photo is too large; choose one of at most 5 MB.' },
  invalid_form: { 'zh-Hans': '表单内容不完整，请重新填写。', 'zh-Hant': '表單內容不完整，請重新填寫。', en: 'The form was incomplete; please fill it in again.' },
};

export function leadError(reader: Reader, code: string, field?: string): string {
  const entry = LEAD_ERRORS[code === 'invalid_request' && field ? field : code] ?? LEAD_ERRORS.invalid_form!;
  return entry[reader.locale];
}
