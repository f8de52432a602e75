/**
 * What a stored notice says, in each language and on each channel. Reminder-rule notices (催办/督办) are worded
 * and formatted by the core (`noticeText`) and signed by `buildWebhookRequest`; the notices no rule produced (a manual 催办, a
 * 批示, a returned report, an assignment, a webhook test) are worded here and formatted the same way.
 */
import {
  NOTICE_LOCALES,
  WEBHOOK_TEXT_LIMIT_BYTES,
  noticeText,
  truncateUtf8,
  type Audience,
  type Notice,
  type NoticeLocale,
  type NoticeRule,
  type WebhookFormat,
} from '../../../core/notices/index.ts';
import { buildWebhookRequest, dingtalkSignedUrl, feishuSign, genericSignatureHeader, type WebhookRequest } from './webhook-signing.ts';
import type { GroupedItem, MessageParams, NoticeKind, NoticeRecord } from './notices.repository.ts';

export { NOTICE_LOCALES };

/** The user's stored locale when it is one we write in, else zh-Hans. */
export function noticeLocale(value: string | null | undefined): NoticeLocale {
  return (NOTICE_LOCALES as readonly string[]).includes(value ?? '') ? (value as NoticeLocale) : 'zh-Hans';
}

const RULE = /^(due_soon_\d+d|overdue|escalate_overdue|milestone_due_soon_\d+d|milestone_overdue|report_missing)$/;
const AUDIENCES: readonly Audience[] = ['lead_unit', 'co_unit', 'unit_head', 'supervisor'];

function isNoticeRule(rule: string): rule is NoticeRule {
  return RULE.test(rule);
}

/** The core notice a reminder-rule record was made from, or null for notices no rule produced. */
export function toCoreNotice(n: NoticeRecord): Notice | null {
  if ((n.kind !== 'remind' && n.kind !== 'escalate') || !isNoticeRule(n.rule) || !n.taskId || !n.unitId) return null;
  return {
    taskId: n.taskId,
    taskTitle: n.taskTitle ?? '',
    rule: n.rule,
    kind: n.kind,
    audience: n.audience.filter((a): a is Audience => (AUDIENCES as readonly string[]).includes(a)),
    period: n.period ?? '',
    unitId: n.unitId,
    milestoneId: n.milestoneId,
    supervisorIds: n.supervisorIds,
    triggerAt: n.triggerAt,
    params: n.params,
    dedupeKey: n.dedupeKey,
  };
}

type Words = Record<NoticeLocale, string>;
export type MessageKind = Exclude<NoticeKind, 'remind' | 'escalate'> | 'test';

const TAGS: Readonly<Record<MessageKind, Words>> = {
  manual: { 'zh-Hans': '【催办】', 'zh-Hant': '【催辦】', en: '[Reminder] ' },
  instruction: { 'zh-Hans': '【批示】', 'zh-Hant': '【批示】', en: '[Instruction] ' },
  report_returned: { 'zh-Hans': '【退回】', 'zh-Hant': '【退回】', en: '[Returned] ' },
  task_assigned: { 'zh-Hans': '【交办】', 'zh-Hant': '【交辦】', en: '[Assigned] ' },
  report_submitted: { 'zh-Hans': '【待审核】', 'zh-Hant': '【待審核】', en: '[To review] ' },
  reassign_requested: { 'zh-Hans': '【申请改派】', 'zh-Hant': '【申請改派】', en: '[Reassignment asked] ' },
  completion_requested: { 'zh-Hans': '【申请办结】', 'zh-Hant': '【申請辦結】', en: '[Completion asked] ' },
  extension_requested: { 'zh-Hans': '【申请延期】', 'zh-Hant': '【申請延期】', en: '[Extension asked] ' },
  task_closed: { 'zh-Hans': '【销号】', 'zh-Hant': '【銷號】', en: '[Closed] ' },
  extension_approved: { 'zh-Hans': '【延期已批准】', 'zh-Hant': '【延期已批准】', en: '[Extension approved] ' },
  extension_refused: { 'zh-Hans': '【延期未批准】', 'zh-Hant': '【延期未批准】', en: '[Extension refused] ' },
  task_suspended: { 'zh-Hans': '【挂账】', 'zh-Hant': '【掛賬】', en: '[Suspended] ' },
  task_resumed: { 'zh-Hans': '【恢复办理】', 'zh-Hant': '【恢復辦理】', en: '[Resumed] ' },
  task_reopened: { 'zh-Hans': '【重新打开】', 'zh-Hant': '【重新打開】', en: '[Reopened] ' },
  task_reassigned: { 'zh-Hans': '【改派】', 'zh-Hant': '【改派】', en: '[Reassigned] ' },
  task_reassigned_away: { 'zh-Hans': '【已改派】', 'zh-Hant': '【已改派】', en: '[Reassigned away] ' },
  completion_returned: { 'zh-Hans': '【办结申请退回】', 'zh-Hant': '【辦結申請退回】', en: '[Completion refused] ' },
  report_accepted: { 'zh-Hans': '【反馈通过】', 'zh-Hant': '【反饋通過】', en: '[Report accepted] ' },
  period_locked: { 'zh-Hans': '【报送期已锁定】', 'zh-Hant': '【報送期已鎖定】', en: '[Period locked] ' },
  period_unlocked: { 'zh-Hans': '【报送期已解锁】', 'zh-Hant': '【報送期已解鎖】', en: '[Period unlocked] ' },
  test: { 'zh-Hans': '【测试】', 'zh-Hant': '【測試】', en: '[Test] ' },
  relay_reminder: { 'zh-Hans': '【传达学习催办】', 'zh-Hant': '【傳達學習催辦】', en: '[Relay reminder] ' },
  relay_returned: { 'zh-Hans': '【传达学习记录退回】', 'zh-Hant': '【傳達學習記錄退回】', en: '[Relay record returned] ' },
  indicator_submitted: { 'zh-Hans': '【指标待审核】', 'zh-Hant': '【指標待審核】', en: '[Figure to review] ' },
  indicator_returned: { 'zh-Hans': '【指标数据退回】', 'zh-Hant': '【指標數據退回】', en: '[Figure returned] ' },
};

/** Kinds about a task the recipient no longer has: worded without a link to it. */
export const UNLINKED_KINDS: ReadonlySet<string> = new Set<string>(['task_reassigned_away']);

/** The fields a message template reads; everything is optional because other modules fill what they know. */
export interface MessageFields extends Omit<MessageParams, 'items'> {
  taskTitle: string | null;
  /** A grouped notice lists several tasks (a bulk action): see `groupedText`. */
  items?: readonly GroupedItem[];
}

// "Reason: …" after a decision, in each language; nothing when no reason was given.
function why(reason: string | undefined): Words {
  return reason
    ? { 'zh-Hans': `理由：${reason}`, 'zh-Hant': `理由：${reason}`, en: ` Reason: ${reason}` }
    : { 'zh-Hans': '', 'zh-Hant': '', en: '' };
}

function join(a: Words, b: Words): Words {
  return { 'zh-Hans': a['zh-Hans'] + b['zh-Hans'], 'zh-Hant': a['zh-Hant'] + b['zh-Hant'], en: a.en + b.en };
}

function messageBody(kind: MessageKind, f: MessageFields): Words {
  const t = f.taskTitle ?? '';
  const by = f.byName ?? '';
  switch (kind) {
    case 'manual':
      return f.message
        ? { 'zh-Hans': `督查员${by}催办「${t}」：${f.message}`, 'zh-Hant': `督查員${by}催辦「${t}」：${f.message}`, en: `${by || 'A supervisor'} sent a reminder about “${t}”: ${f.message}` }
        : {
            'zh-Hans': `督查员${by}催办「${t}」，请尽快办理并反馈。`,
            'zh-Hant': `督查員${by}催辦「${t}」，請儘快辦理並反饋。`,
            en: `${by || 'A supervisor'} sent a reminder about “${t}”; please act and report.`,
          };
    case 'instruction':
      return { 'zh-Hans': `${by}对「${t}」作出批示：${f.text ?? ''}`, 'zh-Hant': `${by}對「${t}」作出批示：${f.text ?? ''}`, en: `${by || 'A leader'} gave an instruction on “${t}”: ${f.text ?? ''}` };
    case 'report_returned':
      return {
        'zh-Hans': `${by}退回了「${t}」${f.periodKey ?? ''}的进展报告：${f.reason ?? ''}`,
        'zh-Hant': `${by}退回了「${t}」${f.periodKey ?? ''}的進展報告：${f.reason ?? ''}`,
        en: `${by || 'The reviewer'} returned the ${f.periodKey ? `${f.periodKey} ` : ''}progress report on “${t}”: ${f.reason ?? ''}`,
      };
    case 'task_assigned': {
      const due = f.dueDate ? { hans: `，截止日期${f.dueDate}`, en: ` (due ${f.dueDate})` } : { hans: '', en: '' };
      return {
        'zh-Hans': `「${t}」已交办给你单位${due.hans}，请及时签收。`,
        'zh-Hant': `「${t}」已交辦給你單位${due.hans}，請及時簽收。`,
        en: `“${t}” has been assigned to your unit${due.en}; please sign for it.`,
      };
    }
    case 'report_submitted':
      return {
        'zh-Hans': `${by}提交了「${t}」${f.periodKey ?? ''}的${f.final ? '总结报告' : '进展报告'}，请审核。`,
        'zh-Hant': `${by}提交了「${t}」${f.periodKey ?? ''}的${f.final ? '總結報告' : '進展報告'}，請審核。`,
        en: `${by || 'A unit'} submitted the ${f.periodKey ? `${f.periodKey} ` : ''}${f.final ? 'final report' : 'progress report'} on “${t}”; please review it.`,
      };
    case 'reassign_requested':
      return {
        'zh-Hans': `${by}申请改派「${t}」：${f.reason ?? ''}`,
        'zh-Hant': `${by}申請改派「${t}」：${f.reason ?? ''}`,
        en: `${by || 'The unit'} asked to reassign “${t}”: ${f.reason ?? ''}`,
      };
    case 'completion_requested':
      return {
        'zh-Hans': `${by}申请办结「${t}」，请核验佐证材料后销号。`,
        'zh-Hant': `${by}申請辦結「${t}」，請核驗佐證材料後銷號。`,
        en: `${by || 'The unit'} reports “${t}” done; please check the evidence and close it.`,
      };
    case 'extension_requested':
      return {
        'zh-Hans': `${by}申请将「${t}」延期至${f.dueDate ?? ''}：${f.reason ?? ''}`,
        'zh-Hant': `${by}申請將「${t}」延期至${f.dueDate ?? ''}：${f.reason ?? ''}`,
        en: `${by || 'The unit'} asked to extend “${t}” to ${f.dueDate ?? ''}: ${f.reason ?? ''}`,
      };
    case 'task_closed': {
      const short = f.progress !== undefined
        ? { 'zh-Hans': `销号时完成进度${f.progress}%。`, 'zh-Hant': `銷號時完成進度${f.progress}%。`, en: ` Progress at closing: ${f.progress}%.` }
        : { 'zh-Hans': '', 'zh-Hant': '', en: '' };
      const noFinal = f.withoutFinalReport
        ? { 'zh-Hans': '未经总结报告审核通过。', 'zh-Hant': '未經總結報告審核通過。', en: ' No final report was accepted.' }
        : { 'zh-Hans': '', 'zh-Hant': '', en: '' };
      const head = by
        ? { 'zh-Hans': `${by}已核验「${t}」并销号。`, 'zh-Hant': `${by}已核驗「${t}」並銷號。`, en: `${by} verified and closed “${t}”.` }
        : { 'zh-Hans': `「${t}」已核验销号。`, 'zh-Hant': `「${t}」已核驗銷號。`, en: `“${t}” was verified and closed.` };
      return join(join(join(head, short), noFinal), why(f.reason));
    }
    case 'extension_approved': {
      const from = f.previousDueDate
        ? { 'zh-Hans': `截止日期由${f.previousDueDate}改为${f.dueDate ?? ''}。`, 'zh-Hant': `截止日期由${f.previousDueDate}改為${f.dueDate ?? ''}。`, en: `the deadline moves from ${f.previousDueDate} to ${f.dueDate ?? ''}.` }
        : { 'zh-Hans': `截止日期改为${f.dueDate ?? ''}。`, 'zh-Hant': `截止日期改為${f.dueDate ?? ''}。`, en: `the deadline is now ${f.dueDate ?? ''}.` };
      return join(
        join({ 'zh-Hans': `${by}批准了「${t}」的延期申请，`, 'zh-Hant': `${by}批准了「${t}」的延期申請，`, en: `${by || 'The supervisor'} approved the extension of “${t}”: ` }, from),
        why(f.reason),
      );
    }
    case 'extension_refused':
      return join(
        {
          'zh-Hans': `${by}未批准将「${t}」延期至${f.requestedDueDate ?? ''}，截止日期仍为${f.dueDate ?? ''}。`,
          'zh-Hant': `${by}未批准將「${t}」延期至${f.requestedDueDate ?? ''}，截止日期仍為${f.dueDate ?? ''}。`,
          en: `${by || 'The supervisor'} refused to extend “${t}” to ${f.requestedDueDate ?? ''}; the deadline stays ${f.dueDate ?? ''}.`,
        },
        why(f.reason),
      );
    case 'task_suspended':
      return join(
        {
          'zh-Hans': `${by}将「${t}」挂账，复核日期${f.reviewDate ?? ''}，挂账期间不催办。`,
          'zh-Hant': `${by}將「${t}」掛賬，複核日期${f.reviewDate ?? ''}，掛賬期間不催辦。`,
          en: `${by || 'The supervisor'} suspended “${t}” until a review on ${f.reviewDate ?? ''}; no reminders meanwhile.`,
        },
        why(f.reason),
      );
    case 'task_resumed':
      return {
        'zh-Hans': `${by}恢复办理「${t}」，请继续办理并按期反馈。`,
        'zh-Hant': `${by}恢復辦理「${t}」，請繼續辦理並按期反饋。`,
        en: `${by || 'The supervisor'} resumed “${t}”; please carry on and keep reporting.`,
      };
    case 'task_reopened':
      return join(
        { 'zh-Hans': `${by}重新打开了「${t}」，请继续办理。`, 'zh-Hant': `${by}重新打開了「${t}」，請繼續辦理。`, en: `${by || 'The supervisor'} reopened “${t}”; please carry on.` },
        why(f.reason),
      );
    case 'task_reassigned': {
      const from = f.fromUnitName ? { hans: `由${f.fromUnitName}`, hant: `由${f.fromUnitName}`, en: ` from ${f.fromUnitName}` } : { hans: '', hant: '', en: '' };
      const due = f.dueDate ? { hans: `，截止日期${f.dueDate}`, en: ` (due ${f.dueDate})` } : { hans: '', en: '' };
      return join(
        {
          'zh-Hans': `${by}将「${t}」${from.hans}改派给你单位${due.hans}，请及时签收。`,
          'zh-Hant': `${by}將「${t}」${from.hant}改派給你單位${due.hans}，請及時簽收。`,
          en: `${by || 'The supervisor'} reassigned “${t}” to your unit${from.en}${due.en}; please sign for it.`,
        },
        why(f.reason),
      );
    }
    case 'task_reassigned_away':
      return join(
        {
          'zh-Hans': `${by}已将「${t}」改派给${f.toUnitName ?? ''}，你单位不再承办此任务。`,
          'zh-Hant': `${by}已將「${t}」改派給${f.toUnitName ?? ''}，你單位不再承辦此任務。`,
          en: `${by || 'The supervisor'} reassigned “${t}” to ${f.toUnitName ?? 'another unit'}; your unit no longer handles it.`,
        },
        why(f.reason),
      );
    case 'completion_returned':
      return join(
        {
          'zh-Hans': `${by}退回了「${t}」的办结申请，请继续办理。`,
          'zh-Hant': `${by}退回了「${t}」的辦結申請，請繼續辦理。`,
          en: `${by || 'The supervisor'} refused the completion of “${t}”; please carry on.`,
        },
        why(f.reason),
      );
    case 'report_accepted':
      return {
        'zh-Hans': `${by}审核通过了「${t}」${f.periodKey ?? ''}的${f.final ? '总结报告' : '进展报告'}。`,
        'zh-Hant': `${by}審核通過了「${t}」${f.periodKey ?? ''}的${f.final ? '總結報告' : '進展報告'}。`,
        en: `${by || 'The reviewer'} accepted the ${f.periodKey ? `${f.periodKey} ` : ''}${f.final ? 'final report' : 'progress report'} on “${t}”.`,
      };
    case 'period_locked':
      return {
        'zh-Hans': `${by}锁定了「${f.programmeTitle ?? ''}」${f.periodKey ?? ''}报送期，该期进展报告不能再起草或提交；如需补报，请联系督查室。`,
        'zh-Hant': `${by}鎖定了「${f.programmeTitle ?? ''}」${f.periodKey ?? ''}報送期，該期進展報告不能再起草或提交；如需補報，請聯繫督查室。`,
        en: `${by || 'The supervisor'} locked the ${f.periodKey ?? ''} reporting period of “${f.programmeTitle ?? ''}”: reports for it can no longer be drafted or submitted; ask the supervision office if one is missing.`,
      };
    case 'period_unlocked':
      return {
        'zh-Hans': `${by}解除了「${f.programmeTitle ?? ''}」${f.periodKey ?? ''}报送期的锁定，可以继续提交该期进展报告。`,
        'zh-Hant': `${by}解除了「${f.programmeTitle ?? ''}」${f.periodKey ?? ''}報送期的鎖定，可以繼續提交該期進展報告。`,
        en: `${by || 'The supervisor'} unlocked the ${f.periodKey ?? ''} reporting period of “${f.programmeTitle ?? ''}”: reports for it may be submitted again.`,
      };
    case 'relay_reminder': {
      const doc = f.documentTitle ?? '';
      const due = f.relayDeadline ?? '';
      const note = f.message ? { zh: `（${f.message}）`, en: ` (${f.message})` } : { zh: '', en: '' };
      return {
        'zh-Hans': `请于${due}前组织传达学习《${doc}》，并在落实系统中登记会议情况${note.zh}。`,
        'zh-Hant': `請於${due}前組織傳達學習《${doc}》，並在落實系統中登記會議情況${note.zh}。`,
        en: `Please relay and study “${doc}” by ${due} and record the meeting in Luoshi${note.en}.`,
      };
    }
    case 'relay_returned':
      return {
        'zh-Hans': `${by}退回了你单位传达学习《${f.documentTitle ?? ''}》的记录：${f.reason ?? ''}`,
        'zh-Hant': `${by}退回了你單位傳達學習《${f.documentTitle ?? ''}》的記錄：${f.reason ?? ''}`,
        en: `${by || 'The supervisor'} returned your unit's record of relaying “${f.documentTitle ?? ''}”: ${f.reason ?? ''}`,
      };
    case 'indicator_submitted':
      return {
        'zh-Hans': `${by}报送了指标“${f.indicatorName ?? ''}”${f.periodKey ?? ''}的实际值${f.figure ?? ''}，请审核。`,
        'zh-Hant': `${by}報送了指標“${f.indicatorName ?? ''}”${f.periodKey ?? ''}的實際值${f.figure ?? ''}，請審核。`,
        en: `${by || 'A unit'} reported ${f.figure ?? ''} for “${f.indicatorName ?? ''}” (${f.periodKey ?? ''}); please review it.`,
      };
    case 'indicator_returned':
      return {
        'zh-Hans': `${by}退回了你单位报送的指标“${f.indicatorName ?? ''}”${f.periodKey ?? ''}的实际值：${f.reason ?? ''}`,
        'zh-Hant': `${by}退回了你單位報送的指標“${f.indicatorName ?? ''}”${f.periodKey ?? ''}的實際值：${f.reason ?? ''}`,
        en: `${by || 'The supervisor'} returned your unit's figure for “${f.indicatorName ?? ''}” (${f.periodKey ?? ''}): ${f.reason ?? ''}`,
      };
    case 'test':
      return {
        'zh-Hans': '这是一条测试消息，收到说明webhook配置正确。',
        'zh-Hant': '這是一條測試消息，收到說明webhook配置正確。',
        en: 'This is a test message: the webhook is set up correctly.',
      };
  }
}

// A grouped notice (a bulk action) lists its tasks: the assignment in one sentence with the deadlines, any other
// kind as one line per task in that kind's own words.
function groupedText(kind: MessageKind, f: MessageFields, items: readonly GroupedItem[]): Words {
  const n = items.length;
  const by = f.byName ?? '';
  if (kind === 'task_assigned') {
    const line = (i: number, it: GroupedItem): Words => ({
      'zh-Hans': `\n${i + 1}. 「${it.title}」${it.dueDate ? `，截止日期${it.dueDate}` : ''}`,
      'zh-Hant': `\n${i + 1}. 「${it.title}」${it.dueDate ? `，截止日期${it.dueDate}` : ''}`,
      en: `\n${i + 1}. “${it.title}”${it.dueDate ? ` (due ${it.dueDate})` : ''}`,
    });
    return items.reduce(
      (acc, it, i) => join(acc, line(i, it)),
      {
        'zh-Hans': `${by}向你单位交办了${n}项任务，请及时签收：`,
        'zh-Hant': `${by}向你單位交辦了${n}項任務，請及時簽收：`,
        en: `${by || 'A supervisor'} assigned ${n} tasks to your unit; please sign for them:`,
      },
    );
  }
  return items.reduce(
    (acc, it, i) => {
      const body = messageBody(kind, { ...it.params, byName: f.byName, taskTitle: it.title });
      return join(acc, { 'zh-Hans': `\n${i + 1}. ${body['zh-Hans']}`, 'zh-Hant': `\n${i + 1}. ${body['zh-Hant']}`, en: `\n${i + 1}. ${body.en}` });
    },
    { 'zh-Hans': `共${n}项任务：`, 'zh-Hant': `共${n}項任務：`, en: `${n} tasks:` },
  );
}

/** Title and one-sentence text of a message notice in one language (a list, for a grouped notice). */
export function messageText(kind: MessageKind, fields: MessageFields, locale: NoticeLocale): { title: string; text: string } {
  const items = fields.items ?? [];
  if (items.length > 0) {
    const count: Words = { 'zh-Hans': `${items.length}项任务`, 'zh-Hant': `${items.length}項任務`, en: `${items.length} tasks` };
    return { title: `${TAGS[kind][locale]}${count[locale]}`, text: groupedText(kind, fields, items)[locale] };
  }
  const subject = kind === 'test'
    ? { 'zh-Hans': '落实通知', 'zh-Hant': '落實通知', en: 'Luoshi notices' }[locale]
    : (fields.taskTitle ?? fields.documentTitle ?? (fields.programmeTitle && fields.periodKey ? `${fields.programmeTitle} ${fields.periodKey}` : ''));
  return { title: `${TAGS[kind][locale]}${subject}`, text: messageBody(kind, fields)[locale] };
}

/** Title and text of any stored notice in one language. */
export function renderNotice(n: NoticeRecord, locale: NoticeLocale): { title: string; text: string } {
  const core = toCoreNotice(n);
  if (core) return noticeText(core, locale);
  const kind: MessageKind = n.kind === 'remind' || n.kind === 'escalate' ? 'manual' : n.kind;
  return messageText(kind, { ...n.params, taskTitle: n.taskTitle }, locale);
}

/** The deep link to the notice's task in the web UI, or null when it is about no task. */
export function taskLink(publicUrl: string, taskId: string | null): string | null {
  return taskId ? `${publicUrl}/tasks/${encodeURIComponent(taskId)}` : null;
}

/** The link a notice carries: none for one about a task its recipients no longer have. */
export function noticeLink(publicUrl: string, n: Pick<NoticeRecord, 'kind' | 'taskId'>): string | null {
  return UNLINKED_KINDS.has(n.kind) ? null : taskLink(publicUrl, n.taskId);
}

const VIEW: Words = { 'zh-Hans': '查看任务', 'zh-Hant': '查看任務', en: 'View task' };
const FOOTER: Words = {
  'zh-Hans': '此邮件由落实系统自动发送，请勿直接回复。',
  'zh-Hant': '此郵件由落實系統自動發送，請勿直接回復。',
  en: 'Sent automatically by Luoshi; please do not reply.',
};

/** Subject and plain-text body of the e-mail for a notice. */
export function emailContent(n: NoticeRecord, locale: NoticeLocale, publicUrl: string): { subject: string; text: string } {
  const { title, text } = renderNotice(n, locale);
  const link = noticeLink(publicUrl, n);
  const colon = locale === 'en' ? ': ' : '：';
  const lines = [text, ''];
  if (link) lines.push(`${VIEW[locale]}${colon}${link}`, '');
  // A grouped notice links each of its tasks.
  for (const it of n.params.items ?? []) lines.push(`${locale === 'en' ? `“${it.title}”` : `「${it.title}」`}${colon}${taskLink(publicUrl, it.taskId) ?? ''}`);
  if (n.params.items?.length) lines.push('');
  lines.push(`— ${FOOTER[locale]}`);
  return { subject: title, text: lines.join('\n') };
}

// Same neutralisation as the core's robot formats: user text (a title, a supervisor's note) must not forge a
// markdown link, a tag or a WeCom mention, so these characters become their full-width forms.
const FULL_WIDTH: Readonly<Record<string, string>> = { '[': '［', ']': '］', '<': '＜', '>': '＞' };
function neutralise(text: string): string {
  return text.replace(/[[\]<>]/g, (c) => FULL_WIDTH[c] ?? c);
}

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** The generic JSON body of a message notice: the core's generic shape, with the kind as the rule. */
export interface GenericMessagePayload {
  type: 'luoshi.notice';
  version: 1;
  id: string;
  rule: string;
  kind: string;
  audience: readonly string[];
  taskId: string | null;
  taskTitle: string | null;
  period: string | null;
  unitId: string | null;
  milestoneId: string | null;
  supervisorIds: readonly string[];
  triggerAt: string;
  params: Record<string, unknown>;
  title: string;
  text: string;
  link: string | null;
}

/** A complete signed request for a message notice, mirroring `buildWebhookRequest` for rule notices. */
export function buildMessageRequest(
  format: WebhookFormat,
  message: { kind: MessageKind; escalation?: boolean; generic: Omit<GenericMessagePayload, 'type' | 'version' | 'title' | 'text' | 'link'>; fields: MessageFields },
  target: { url: string; secret?: string | null },
  now: Date,
  options: { locale?: NoticeLocale; link?: string | null } = {},
): WebhookRequest {
  const locale = options.locale ?? 'zh-Hans';
  const link = options.link ?? null;
  const secret = target.secret ?? null;
  const { title, text } = messageText(message.kind, message.fields, locale);
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  switch (format) {
    case 'generic': {
      const payload: GenericMessagePayload = { type: 'luoshi.notice', version: 1, ...message.generic, title, text, link };
      const body = JSON.stringify(payload);
      headers['X-Luoshi-Event'] = 'notice';
      headers['X-Luoshi-Delivery'] = message.generic.id;
      if (secret) headers['X-Luoshi-Signature'] = genericSignatureHeader(body, secret, Math.floor(now.getTime() / 1000));
      return { url: target.url, headers, body };
    }
    case 'dingtalk': {
      const linkLine = link ? `\n\n[${VIEW[locale]}](${link})` : '';
      const md = truncateUtf8(`### ${neutralise(title)}\n\n${neutralise(text)}`, WEBHOOK_TEXT_LIMIT_BYTES.dingtalk - utf8Length(linkLine)) + linkLine;
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: truncateUtf8(title, 200), text: md } });
      return { url: secret ? dingtalkSignedUrl(target.url, secret, now.getTime()) : target.url, headers, body };
    }
    case 'wecom': {
      const colour = message.escalation ? 'warning' : 'comment';
      const linkLine = link ? `\n[${VIEW[locale]}](${link})` : '';
      const head = `**<font color="${colour}">${neutralise(title)}</font>**\n> ${neutralise(text)}`;
      const content = truncateUtf8(head, WEBHOOK_TEXT_LIMIT_BYTES.wecom - utf8Length(linkLine)) + linkLine;
      return { url: target.url, headers, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) };
    }
    case 'feishu': {
      const tail = link ? `\n${link}` : '';
      const payload: { msg_type: 'text'; content: { text: string }; timestamp?: string; sign?: string } = {
        msg_type: 'text',
        content: { text: truncateUtf8(`${title}\n${text}`, WEBHOOK_TEXT_LIMIT_BYTES.feishu - utf8Length(tail)) + tail },
      };
      if (secret) {
        const ts = Math.floor(now.getTime() / 1000);
        payload.timestamp = String(ts);
        payload.sign = feishuSign(secret, ts);
      }
      return { url: target.url, headers, body: JSON.stringify(payload) };
    }
  }
}

/** The signed webhook request for any stored notice. */
export function noticeWebhookRequest(
  format: WebhookFormat,
  n: NoticeRecord,
  target: { url: string; secret: string | null },
  now: Date,
  options: { locale: NoticeLocale; publicUrl: string },
): WebhookRequest {
  const link = noticeLink(options.publicUrl, n);
  const core = toCoreNotice(n);
  if (core) return buildWebhookRequest(format, core, target, now, { locale: options.locale, link });
  const kind: MessageKind = n.kind === 'remind' || n.kind === 'escalate' ? 'manual' : n.kind;
  return buildMessageRequest(
    format,
    {
      kind,
      fields: { ...n.params, taskTitle: n.taskTitle },
      generic: {
        id: n.dedupeKey,
        rule: n.rule,
        kind: n.kind,
        audience: n.audience,
        taskId: n.taskId,
        taskTitle: n.taskTitle,
        period: n.period,
        unitId: n.unitId,
        milestoneId: n.milestoneId,
        supervisorIds: n.supervisorIds,
        triggerAt: n.triggerAt.toISOString(),
        params: { ...n.params },
      },
    },
    target,
    now,
    { locale: options.locale, link },
  );
}
