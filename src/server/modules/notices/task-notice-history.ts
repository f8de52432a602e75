/** The notices about one task, for its timeline: all of them for its overseers, otherwise only those sent to you. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { renderNotice, NOTICE_LOCALES } from './notice-text.ts';
import { listTaskNotices, type NoticeKind } from './notices.repository.ts';

export interface TaskNoticeEntry {
  id: string;
  at: Date;
  kind: NoticeKind;
  rule: string;
  createdBy: string | null;
  text: Record<'zh-Hans' | 'zh-Hant' | 'en', { title: string; text: string }>;
}

export async function taskNoticeHistory(db: Kysely<DB>, taskId: string, viewer: { all: true } | { all: false; userId: string }): Promise<TaskNoticeEntry[]> {
  const notices = await listTaskNotices(db, taskId, viewer);
  return notices.map((n) => {
    const text = Object.fromEntries(NOTICE_LOCALES.map((l) => [l, renderNotice(n, l)])) as TaskNoticeEntry['text'];
    return { id: n.id, at: n.createdAt, kind: n.kind, rule: n.rule, createdBy: n.createdBy, text };
  });
}
