/** The notices about one task, for its timeline: all of them for its overseers, otherwise only those sent to you. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { renderNotice, NOTICE_LOCALES } from './notice-text.ts';
import { toNoticeRecord, type NoticeKind } from './notices.repository.ts';

export interface TaskNoticeEntry {
  id: string;
  at: Date;
  kind: NoticeKind;
  rule: string;
  createdBy: string | null;
  text: Record<'zh-Hans' | 'zh-Hant' | 'en', { title: string; text: string }>;
}

export async function taskNoticeHistory(db: Kysely<DB>, taskId: string, viewer: { all: true } | { all: false; userId: string }): Promise<TaskNoticeEntry[]> {
  let q = db.selectFrom('notices').selectAll('notices').where('notices.task_id', '=', taskId);
  if (!viewer.all) {
    const userId = viewer.userId;
    q = q.where((eb) => eb.exists(eb.selectFrom('notifications').select('notifications.id').whereRef('notifications.notice_id', '=', 'notices.id').where('notifications.user_id', '=', userId)));
  }
  const rows = await q.orderBy('notices.created_at').orderBy('notices.id').execute();
  return rows.map((row) => {
    const n = toNoticeRecord(row);
    const text = Object.fromEntries(NOTICE_LOCALES.map((l) => [l, renderNotice(n, l)])) as TaskNoticeEntry['text'];
    return { id: n.id, at: n.createdAt, kind: n.kind, rule: n.rule, createdBy: n.createdBy, text };
  });
}
