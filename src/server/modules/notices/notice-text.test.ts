import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { verifyGenericSignature } from './webhook-signing.ts';
import { buildMessageRequest, emailContent, messageText, renderNotice, type MessageKind } from './notice-text.ts';
import { NOTICE_KINDS, type NoticeRecord } from './notices.repository.ts';

const toTraditional = Converter({ from: 'cn', to: 'tw' });

const record = (over: Partial<NoticeRecord>): NoticeRecord => ({
  id: 'n1',
  dedupeKey: 'k1',
  taskId: 't1',
  programmeId: 'p1',
  kind: 'remind',
  rule: 'due_soon_3d',
  period: '2024-06-10',
  unitId: 'u1',
  milestoneId: null,
  audience: ['lead_unit'],
  supervisorIds: [],
  params: { dueDate: '2024-06-10', daysLeft: 3, thresholdDays: 3 },
  taskTitle: '数字经济',
  triggerAt: new Date('2024-06-06T16:00:00Z'),
  createdBy: null,
  createdAt: new Date('2024-06-07T01:00:00Z'),
  ...over,
});

describe('notice wording', () => {
  it('writes zh-Hant as the OpenCC conversion of zh-Hans, for every message kind', () => {
    // ASCII names and texts, so that only our own words are converted.
    const fields = {
      taskTitle: 'T', byName: 'Li', message: 'ok', text: 'go', reason: 'no', periodKey: '2024-05', dueDate: '2024-06-30', previousDueDate: '2024-05-31',
      requestedDueDate: '2024-07-31', reviewDate: '2024-08-01', progress: 40, withoutFinalReport: true, final: true, toUnitName: 'B', fromUnitName: 'A',
    };
    const items = [{ taskId: 't1', title: 'T1', dueDate: '2024-06-30', params: { reason: 'r1', dueDate: '2024-06-30' } }, { taskId: 't2', title: 'T2', dueDate: null, params: {} }];
    for (const kind of [...NOTICE_KINDS.filter((k) => k !== 'remind' && k !== 'escalate'), 'test'] as MessageKind[]) {
      for (const f of [fields, { taskTitle: 'T' }, { taskTitle: null, byName: 'Li', items }]) {
        const hans = messageText(kind, f, 'zh-Hans');
        const hant = messageText(kind, f, 'zh-Hant');
        expect({ kind, title: hant.title, text: hant.text }).toEqual({ kind, title: toTraditional(hans.title), text: toTraditional(hans.text) });
      }
    }
  });

  it('words reminder-rule notices through the core, and message notices here', () => {
    expect(renderNotice(record({}), 'zh-Hans')).toEqual({ title: '【催办】数字经济', text: '「数字经济」将于2024-06-10到期，还有3天。' });
    expect(renderNotice(record({ kind: 'manual', rule: 'manual', params: { byName: '王督查' } }), 'en').text).toBe('王督查 sent a reminder about “数字经济”; please act and report.');
  });

  it('puts the link and a footer in the e-mail, in the recipient’s language', () => {
    const { subject, text } = emailContent(record({}), 'en', 'https://luoshi.example');
    expect(subject).toBe('[Reminder] 数字经济');
    expect(text).toBe('“数字经济” is due on 2024-06-10, in 3 days.\n\nView task: https://luoshi.example/tasks/t1\n\n— Sent automatically by Luoshi; please do not reply.');
  });

  it('signs a generic message request and keeps user text from forging robot markdown', () => {
    const now = new Date('2024-06-07T01:00:00Z');
    const message = {
      kind: 'manual' as const,
      fields: { taskTitle: 'A', byName: 'B', message: '[x](http://evil) <@all>' },
      generic: { id: 'k', rule: 'manual', kind: 'manual', audience: [], taskId: 't', taskTitle: 'A', period: null, unitId: null, milestoneId: null, supervisorIds: [], triggerAt: now.toISOString(), params: {} },
    };
    const generic = buildMessageRequest('generic', message, { url: 'https://h.example/x', secret: 's' }, now);
    expect(verifyGenericSignature(generic.headers['X-Luoshi-Signature']!, generic.body, 's', now)).toBe(true);
    const wecom = JSON.parse(buildMessageRequest('wecom', message, { url: 'https://h.example/x' }, now).body) as { markdown: { content: string } };
    expect(wecom.markdown.content).toContain('［x］(http://evil) ＜@all＞');
    const ding = buildMessageRequest('dingtalk', message, { url: 'https://h.example/x?access_token=a', secret: 's' }, now, { link: 'https://l.example/t' });
    expect(ding.url).toMatch(/^https:\/\/h\.example\/x\?access_token=a&timestamp=1717722000000&sign=/);
    expect((JSON.parse(ding.body) as { markdown: { text: string } }).markdown.text).toMatch(/\[查看任务\]\(https:\/\/l\.example\/t\)$/);
  });

  it('names who decided and why, in every language', () => {
    const approved = record({ kind: 'extension_approved', rule: 'extension_approved', params: { byName: '王督查', dueDate: '2024-08-31', previousDueDate: '2024-06-30', reason: '汛期' } });
    expect(renderNotice(approved, 'zh-Hans')).toEqual({ title: '【延期已批准】数字经济', text: '王督查批准了「数字经济」的延期申请，截止日期由2024-06-30改为2024-08-31。理由：汛期' });
    expect(renderNotice(approved, 'en').text).toBe('王督查 approved the extension of “数字经济”: the deadline moves from 2024-06-30 to 2024-08-31. Reason: 汛期');
    const suspended = record({ kind: 'task_suspended', rule: 'task_suspended', params: { byName: '王督查', reviewDate: '2024-09-01', reason: '等待批复' } });
    expect(renderNotice(suspended, 'zh-Hant').text).toBe('王督查將「数字经济」掛賬，複核日期2024-09-01，掛賬期間不催辦。理由：等待批复');
  });

  it('sends no link to a task reassigned away, and links every task of a grouped notice', () => {
    const away = emailContent(record({ kind: 'task_reassigned_away', rule: 'task_reassigned_away', params: { byName: '王督查', toUnitName: '市经信局' } }), 'zh-Hans', 'https://l.example');
    expect(away.text).not.toContain('https://l.example');
    const grouped = emailContent(
      record({ kind: 'task_assigned', rule: 'task_assigned', taskId: null, taskTitle: null, params: { byName: '王督查', items: [{ taskId: 'a', title: '甲', dueDate: '2024-12-31' }, { taskId: 'b', title: '乙', dueDate: null }] } }),
      'zh-Hans',
      'https://l.example',
    );
    expect(grouped.subject).toBe('【交办】2项任务');
    expect(grouped.text).toBe('王督查向你单位交办了2项任务，请及时签收：\n1. 「甲」，截止日期2024-12-31\n2. 「乙」\n\n「甲」：https://l.example/tasks/a\n「乙」：https://l.example/tasks/b\n\n— 此邮件由落实系统自动发送，请勿直接回复。');
  });
});
