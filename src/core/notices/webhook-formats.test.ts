import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { fixtureNotice as notice } from './notice-fixtures.ts';
import {
  buildWebhookPayload,
  defaultRetryPolicy,
  noticeText,
  retryDelayMs,
  truncateUtf8,
  WEBHOOK_TEXT_LIMIT_BYTES,
} from './webhook-formats.ts';

const overdue = notice('overdue', '2024-07-04');
const escalate = notice('escalate_overdue', '2024-07-04');

describe('notice text', () => {
  const toTraditional = Converter({ from: 'cn', to: 'tw' });
  it.each<[string, string, string, string]>([
    ['due_soon_3d', '2024-06-28', '【催办】推进老旧小区改造', '「推进老旧小区改造」将于2024-06-30到期，还有2天。'],
    ['due_soon_1d', '2024-06-30', '【催办】推进老旧小区改造', '「推进老旧小区改造」今天到期。'],
    ['overdue', '2024-07-04', '【催办】推进老旧小区改造', '「推进老旧小区改造」已于2024-06-30到期，已逾期4天，请尽快办理并反馈。'],
    ['escalate_overdue', '2024-07-04', '【督办】推进老旧小区改造', '「推进老旧小区改造」已逾期4天（截止2024-06-30），现予督办。'],
    ['milestone_due_soon_3d', '2024-06-10', '【催办】推进老旧小区改造', '「推进老旧小区改造」的节点「完成方案编制」将于2024-06-12到期，还有2天。'],
    ['milestone_overdue', '2024-06-20', '【催办】推进老旧小区改造', '「推进老旧小区改造」的节点「完成方案编制」已逾期8天（2024-06-12）。'],
    ['report_missing', '2024-05-10', '【催办】推进老旧小区改造', '「推进老旧小区改造」2024-04的进展报告尚未报送（截止2024-05-05）。'],
  ])('%s', (rule, day, title, text) => {
    const n = notice(rule, day);
    expect(noticeText(n)).toEqual({ title, text });
    // zh-Hant wording is hand-written; OpenCC keeps it honest. Titles are user text and stay as written.
    const plain = { ...n, taskTitle: 'T', params: { ...n.params, milestoneTitle: 'M' } };
    const hans = noticeText(plain);
    const hant = noticeText(plain, 'zh-Hant');
    expect(hant.text).toBe(toTraditional(hans.text));
    expect(hant.title).toBe(toTraditional(hans.title));
    expect(noticeText(n, 'en').text).toMatch(/^(“|Milestone|The )/);
  });

  it('speaks English', () => {
    expect(noticeText(escalate, 'en')).toEqual({
      title: '[Escalation] 推进老旧小区改造',
      text: '“推进老旧小区改造” is 4 days overdue (due 2024-06-30) and has been escalated.',
    });
  });
});

describe('payloads', () => {
  const link = 'https://luoshi.example.gov.cn/tasks/t1';

  it('generic carries the whole notice and its dedupe key as id', () => {
    expect(buildWebhookPayload('generic', overdue, { link })).toEqual({
      type: 'luoshi.notice',
      version: 1,
      id: 't1|overdue|2024-06-30',
      rule: 'overdue',
      kind: 'remind',
      audience: ['lead_unit'],
      taskId: 't1',
      taskTitle: '推进老旧小区改造',
      period: '2024-06-30',
      unitId: 'lead',
      milestoneId: null,
      supervisorIds: ['sup1'],
      triggerAt: '2024-06-30T16:00:00.000Z',
      params: { dueDate: '2024-06-30', overdueDays: 4 },
      title: '【催办】推进老旧小区改造',
      text: '「推进老旧小区改造」已于2024-06-30到期，已逾期4天，请尽快办理并反馈。',
      link,
    });
  });

  it('dingtalk is a markdown robot message', () => {
    expect(buildWebhookPayload('dingtalk', escalate, { link })).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '【督办】推进老旧小区改造',
        text: `### 【督办】推进老旧小区改造\n\n「推进老旧小区改造」已逾期4天（截止2024-06-30），现予督办。\n\n[查看任务](${link})`,
      },
    });
  });

  it('wecom is a markdown robot message, escalations in warning colour', () => {
    expect(buildWebhookPayload('wecom', escalate, { locale: 'zh-Hant' })).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**<font color="warning">【督辦】推进老旧小区改造</font>**\n> 「推进老旧小区改造」已逾期4天（截止2024-06-30），現予督辦。' },
    });
  });

  it('feishu is a text robot message', () => {
    expect(buildWebhookPayload('feishu', overdue, { link, locale: 'en' })).toEqual({
      msg_type: 'text',
      content: { text: `[Reminder] 推进老旧小区改造\n“推进老旧小区改造” was due on 2024-06-30 and is 4 days overdue; please act and report.\n${link}` },
    });
  });

  it('keeps user text from forging links or mentions in markdown', () => {
    const sneaky = { ...overdue, taskTitle: '整改[点此](http://evil.example)<@all>' };
    const ding = buildWebhookPayload('dingtalk', sneaky);
    const wecom = buildWebhookPayload('wecom', sneaky);
    for (const text of [ding.markdown.text, wecom.markdown.content]) {
      expect(text).not.toContain('](http://evil');
      expect(text).not.toContain('<@all>');
      expect(text).toContain('整改［点此］(http://evil.example)＜@all＞');
    }
    // Plain-text channels show the title as written.
    expect(buildWebhookPayload('feishu', sneaky).content.text).toContain('<@all>');
  });

  it('stays within the WeCom byte limit without splitting a character', () => {
    const long = { ...overdue, taskTitle: '关于'.repeat(2000) + '🚧' };
    const content = buildWebhookPayload('wecom', long, { link }).markdown.content;
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(WEBHOOK_TEXT_LIMIT_BYTES.wecom);
    expect(content.endsWith(`[查看任务](${link})`)).toBe(true);
    expect(content).not.toContain('\uFFFD');
  });
});

describe('truncateUtf8', () => {
  it.each<[string, number, string]>([
    ['abc', 3, 'abc'],
    ['abcd', 3, '…'],
    ['中文字', 9, '中文字'],
    ['中文字', 8, '中…'],
    ['中文字', 6, '中…'],
    ['a🚧b', 6, 'a🚧b'],
    ['a🚧bc', 6, 'a…'], // the emoji (4 bytes) does not fit with the ellipsis (3): not half an emoji
    ['a🚧bcde', 8, 'a🚧…'],
  ])('%s in %i bytes → %s', (s, n, out) => {
    expect(truncateUtf8(s, n)).toBe(out);
    expect(new TextEncoder().encode(truncateUtf8(s, n)).length).toBeLessThanOrEqual(n);
  });
});

describe('retryDelayMs', () => {
  const mid = () => 0.5;
  it.each<[number, number | null]>([
    [1, 30_000],
    [2, 120_000],
    [3, 600_000],
    [4, 3_600_000],
    [5, 21_600_000],
    [6, 21_600_000],
    [7, 21_600_000],
    [8, null],
    [20, null],
  ])('after %i failures → %s', (n, ms) => {
    expect(retryDelayMs(n, mid)).toBe(ms);
  });

  it('jitters within ±20% and never above the cap', () => {
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(36_000);
    expect(retryDelayMs(5, () => 0.999_999)).toBe(defaultRetryPolicy.capMs);
    expect(retryDelayMs(5, () => 0)).toBe(17_280_000);
  });

  it('tolerates a random source outside [0, 1)', () => {
    expect(retryDelayMs(1, () => 7)).toBe(36_000);
    expect(retryDelayMs(1, () => -1)).toBe(24_000);
  });

  it('takes a custom policy', () => {
    const policy = { delaysMs: [1_000], jitter: 0, capMs: 500, maxAttempts: 3 };
    expect(retryDelayMs(1, mid, policy)).toBe(500);
    expect(retryDelayMs(3, mid, policy)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s failures', (n) => {
    expect(() => retryDelayMs(n, mid)).toThrow(RangeError);
  });
});
