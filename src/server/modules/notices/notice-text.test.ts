import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { verifyGenericSignature } from '../../../core/notices/index.ts';
import { buildMessageRequest, emailContent, messageText, renderNotice, type MessageKind } from './notice-text.ts';
import type { NoticeRecord } from './notices.repository.ts';

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
    const fields = { taskTitle: 'T', byName: 'Li', message: 'ok', text: 'go', reason: 'no', periodKey: '2024-05', dueDate: '2024-06-30' };
    for (const kind of ['manual', 'instruction', 'report_returned', 'task_assigned', 'test'] as MessageKind[]) {
      for (const f of [fields, { taskTitle: 'T' }]) {
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
});
