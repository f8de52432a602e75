/**
 * Webhook payloads for notices (generic JSON, DingTalk, WeCom and Feishu group robots), their signatures, and the
 * retry schedule. Pure computation that runs in a browser too: signing (node:crypto) and the HTTP live in the server's
 * notices module (webhook-signing.ts), which passes the clock and the randomness in.
 */
import type { Notice, NoticeParams, NoticeRule } from './reminder-rules.ts';

export type WebhookFormat = 'generic' | 'dingtalk' | 'wecom' | 'feishu';
export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['generic', 'dingtalk', 'wecom', 'feishu'];
export const NOTICE_LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

export interface PayloadOptions {
  locale?: NoticeLocale;
  /** Deep link to the task in Luoshi, shown as a "view task" link. */
  link?: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Words

type Words = Record<NoticeLocale, string>;

const TAG: Readonly<Record<Notice['kind'], Words>> = {
  remind: { 'zh-Hans': '【催办】', 'zh-Hant': '【催辦】', en: '[Reminder] ' },
  escalate: { 'zh-Hans': '【督办】', 'zh-Hant': '【督辦】', en: '[Escalation] ' },
};

const VIEW: Words = { 'zh-Hans': '查看任务', 'zh-Hant': '查看任務', en: 'View task' };

const enDays = (n: number | undefined): string => `${n} day${n === 1 ? '' : 's'}`;

type RuleFamily = 'due_soon' | 'milestone_due_soon' | 'overdue' | 'escalate_overdue' | 'milestone_overdue' | 'report_missing';

// The ladder rules carry their rung in the name (due_soon_3d); the wording only depends on the family.
function ruleFamily(rule: NoticeRule): RuleFamily {
  if (rule.startsWith('milestone_due_soon_')) return 'milestone_due_soon';
  if (rule.startsWith('due_soon_')) return 'due_soon';
  return rule as RuleFamily;
}

function body(notice: Notice, t: string, p: NoticeParams): Words {
  const m = p.milestoneTitle ?? '';
  switch (ruleFamily(notice.rule)) {
    case 'due_soon':
      return p.daysLeft === 0
        ? { 'zh-Hans': `「${t}」今天到期。`, 'zh-Hant': `「${t}」今天到期。`, en: `“${t}” is due today.` }
        : {
            'zh-Hans': `「${t}」将于${p.dueDate}到期，还有${p.daysLeft}天。`,
            'zh-Hant': `「${t}」將於${p.dueDate}到期，還有${p.daysLeft}天。`,
            en: `“${t}” is due on ${p.dueDate}, in ${enDays(p.daysLeft)}.`,
          };
    case 'overdue':
      return {
        'zh-Hans': `「${t}」已于${p.dueDate}到期，已逾期${p.overdueDays}天，请尽快办理并反馈。`,
        'zh-Hant': `「${t}」已於${p.dueDate}到期，已逾期${p.overdueDays}天，請儘快辦理並反饋。`,
        en: `“${t}” was due on ${p.dueDate} and is ${enDays(p.overdueDays)} overdue; please act and report.`,
      };
    case 'escalate_overdue':
      return {
        'zh-Hans': `「${t}」已逾期${p.overdueDays}天（截止${p.dueDate}），现予督办。`,
        'zh-Hant': `「${t}」已逾期${p.overdueDays}天（截止${p.dueDate}），現予督辦。`,
        en: `“${t}” is ${enDays(p.overdueDays)} overdue (due ${p.dueDate}) and has been escalated.`,
      };
    case 'milestone_due_soon':
      return p.daysLeft === 0
        ? { 'zh-Hans': `「${t}」的节点「${m}」今天到期。`, 'zh-Hant': `「${t}」的節點「${m}」今天到期。`, en: `Milestone “${m}” of “${t}” is due today.` }
        : {
            'zh-Hans': `「${t}」的节点「${m}」将于${p.dueDate}到期，还有${p.daysLeft}天。`,
            'zh-Hant': `「${t}」的節點「${m}」將於${p.dueDate}到期，還有${p.daysLeft}天。`,
            en: `Milestone “${m}” of “${t}” is due on ${p.dueDate}, in ${enDays(p.daysLeft)}.`,
          };
    case 'milestone_overdue':
      return {
        'zh-Hans': `「${t}」的节点「${m}」已逾期${p.overdueDays}天（${p.dueDate}）。`,
        'zh-Hant': `「${t}」的節點「${m}」已逾期${p.overdueDays}天（${p.dueDate}）。`,
        en: `Milestone “${m}” of “${t}” is ${enDays(p.overdueDays)} overdue (due ${p.dueDate}).`,
      };
    case 'report_missing':
      return {
        'zh-Hans': `「${t}」${p.periodKey}的进展报告尚未报送（截止${p.dueDate}）。`,
        'zh-Hant': `「${t}」${p.periodKey}的進展報告尚未報送（截止${p.dueDate}）。`,
        en: `The ${p.periodKey} progress report on “${t}” has not been filed (due ${p.dueDate}).`,
      };
  }
}

/** Title and one-sentence text of a notice in one language, before any channel formatting. */
export function noticeText(notice: Notice, locale: NoticeLocale = 'zh-Hans'): { title: string; text: string } {
  return {
    title: `${TAG[notice.kind][locale]}${notice.taskTitle}`,
    text: body(notice, notice.taskTitle, notice.params)[locale],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads

/** Size limits of each robot, in UTF-8 bytes (WeCom markdown: 4096; Feishu: 20 KB per request, with room to spare). */
export const WEBHOOK_TEXT_LIMIT_BYTES: Readonly<Record<Exclude<WebhookFormat, 'generic'>, number>> = {
  dingtalk: 18_000,
  wecom: 4_096,
  feishu: 18_000,
};

/**
 * Cuts a string to at most `maxBytes` of UTF-8, ending with "…". A Chinese character is three bytes and an emoji
 * four, so cutting by string length or by raw bytes would overflow the limit or split a character.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const ellipsis = '…';
  let budget = maxBytes - encoder.encode(ellipsis).length;
  let out = '';
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (size > budget) break;
    budget -= size;
    out += ch;
  }
  return out + ellipsis;
}

// Task titles are user text. Robot markdown dialects differ on backslash escapes, so the characters that could forge
// a link ([text](url)), a tag (<font>) or a WeCom mention (<@userid>) become their full-width forms, which read the
// same to a Chinese reader and mean nothing to any renderer.
const FULL_WIDTH: Readonly<Record<string, string>> = { '[': '［', ']': '］', '<': '＜', '>': '＞' };
function neutraliseMarkdown(text: string): string {
  return text.replace(/[[\]<>]/g, (c) => FULL_WIDTH[c] ?? c);
}

export interface GenericPayload {
  type: 'luoshi.notice';
  version: 1;
  id: string;
  rule: NoticeRule;
  kind: Notice['kind'];
  audience: readonly string[];
  taskId: string;
  taskTitle: string;
  period: string;
  unitId: string;
  milestoneId: string | null;
  supervisorIds: readonly string[];
  triggerAt: string;
  params: NoticeParams;
  title: string;
  text: string;
  link: string | null;
}
export interface DingTalkPayload {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
}
export interface WeComPayload {
  msgtype: 'markdown';
  markdown: { content: string };
}
export interface FeishuPayload {
  msg_type: 'text';
  content: { text: string };
  timestamp?: string;
  sign?: string;
}
export type WebhookPayload = GenericPayload | DingTalkPayload | WeComPayload | FeishuPayload;

/** Builds the JSON body for one channel. */
export function buildWebhookPayload(format: 'generic', notice: Notice, options?: PayloadOptions): GenericPayload;
export function buildWebhookPayload(format: 'dingtalk', notice: Notice, options?: PayloadOptions): DingTalkPayload;
export function buildWebhookPayload(format: 'wecom', notice: Notice, options?: PayloadOptions): WeComPayload;
export function buildWebhookPayload(format: 'feishu', notice: Notice, options?: PayloadOptions): FeishuPayload;
export function buildWebhookPayload(format: WebhookFormat, notice: Notice, options?: PayloadOptions): WebhookPayload;
export function buildWebhookPayload(format: WebhookFormat, notice: Notice, options: PayloadOptions = {}): WebhookPayload {
  const locale = options.locale ?? 'zh-Hans';
  const link = options.link ?? null;
  const { title, text } = noticeText(notice, locale);
  switch (format) {
    case 'generic':
      return {
        type: 'luoshi.notice',
        version: 1,
        id: notice.dedupeKey,
        rule: notice.rule,
        kind: notice.kind,
        audience: notice.audience,
        taskId: notice.taskId,
        taskTitle: notice.taskTitle,
        period: notice.period,
        unitId: notice.unitId,
        milestoneId: notice.milestoneId,
        supervisorIds: notice.supervisorIds,
        triggerAt: notice.triggerAt.toISOString(),
        params: notice.params,
        title,
        text,
        link,
      };
    case 'dingtalk': {
      const md = noticeText({ ...notice, taskTitle: neutraliseMarkdown(notice.taskTitle), params: neutraliseParams(notice.params) }, locale);
      const linkLine = link ? `\n\n[${VIEW[locale]}](${link})` : '';
      return {
        msgtype: 'markdown',
        // DingTalk shows `title` in the conversation list only; it is plain text.
        markdown: { title: truncateUtf8(title, 200), text: truncateUtf8(`### ${md.title}\n\n${md.text}`, WEBHOOK_TEXT_LIMIT_BYTES.dingtalk - utf8Length(linkLine)) + linkLine },
      };
    }
    case 'wecom': {
      const md = noticeText({ ...notice, taskTitle: neutraliseMarkdown(notice.taskTitle), params: neutraliseParams(notice.params) }, locale);
      const colour = notice.kind === 'escalate' ? 'warning' : 'comment';
      const linkLine = link ? `\n[${VIEW[locale]}](${link})` : '';
      const head = `**<font color="${colour}">${md.title}</font>**\n> ${md.text}`;
      return { msgtype: 'markdown', markdown: { content: truncateUtf8(head, WEBHOOK_TEXT_LIMIT_BYTES.wecom - utf8Length(linkLine)) + linkLine } };
    }
    case 'feishu': {
      const tail = link ? `\n${link}` : '';
      return { msg_type: 'text', content: { text: truncateUtf8(`${title}\n${text}`, WEBHOOK_TEXT_LIMIT_BYTES.feishu - utf8Length(tail)) + tail } };
    }
  }
}

function neutraliseParams(p: NoticeParams): NoticeParams {
  return p.milestoneTitle === undefined ? p : { ...p, milestoneTitle: neutraliseMarkdown(p.milestoneTitle) };
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

// ---------------------------------------------------------------------------------------------------------------
// Retries

export interface RetryPolicy {
  /** Delay after the 1st, 2nd, … failed attempt; the last entry repeats. */
  delaysMs: readonly number[];
  /** ± fraction of jitter, so that deliveries failed together do not retry together. */
  jitter: number;
  capMs: number;
  /** After this many failed attempts the delivery is dead. */
  maxAttempts: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  delaysMs: Object.freeze([30_000, 120_000, 600_000, 3_600_000, 21_600_000]),
  jitter: 0.2,
  capMs: 21_600_000,
  maxAttempts: 8,
});

/**
 * Delay before the next try after `failedAttempts` failures (1 = the first try failed), or null: give up, the
 * delivery is dead. `random` returns [0, 1), injected so tests and replays are deterministic.
 */
export function retryDelayMs(failedAttempts: number, random: () => number, policy: RetryPolicy = defaultRetryPolicy): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a whole number ≥ 1, got ${failedAttempts}`);
  if (failedAttempts >= policy.maxAttempts) return null;
  const base = policy.delaysMs[Math.min(failedAttempts, policy.delaysMs.length) - 1];
  if (base === undefined) throw new RangeError('retry policy has no delays');
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * r);
  return Math.round(Math.min(policy.capMs, jittered));
}
