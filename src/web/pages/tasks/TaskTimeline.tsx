/**
 * The task's single timeline (`GET /api/v1/tasks/:id/timeline`): lifecycle transitions, plan and milestone changes,
 * report events and reviews, instructions and notices (催办, 督办 …), newest first, with who did it (the server's
 * `actorName`; the user directory only for entries without one), when, and why.
 */
import { AuditOutlined, BellOutlined, EditOutlined, FileTextOutlined, FlagOutlined, MessageOutlined, SwapOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTimeline, type TimelineItem } from '../../api/tasks.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { useUnitName, useUserName } from '../../components/loop/names.ts';
import { useI18n, type PlainMessageKey } from '../../i18n/index.ts';

/** One field of an entry's `data` (its shape depends on the entry's kind). */
function field(data: unknown, key: string): string | number | boolean | undefined {
  if (typeof data !== 'object' || data === null || !(key in data)) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

function list(data: unknown, key: string): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const value = (data as Record<string, unknown>)[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A notice's title and text in the reader's language, from the entry's `data.text`. */
function noticeWords(data: unknown, locale: string): { title: string; text: string } | null {
  if (typeof data !== 'object' || data === null) return null;
  const text = (data as { text?: unknown }).text;
  if (typeof text !== 'object' || text === null) return null;
  const words = (text as Record<string, unknown>)[locale];
  if (typeof words !== 'object' || words === null) return null;
  const { title, text: body } = words as { title?: unknown; text?: unknown };
  return typeof title === 'string' ? { title, text: typeof body === 'string' ? body : '' } : null;
}

/** The plan fields a `task.updated` entry names (the PATCH body's keys), as the plan form labels them. */
const FIELD_LABELS: Record<string, PlainMessageKey> = {
  title: 'loop.task.title',
  description: 'loop.task.description',
  leadUnitId: 'loop.task.leadUnit',
  coUnits: 'loop.task.coUnits',
  ownerUserId: 'loop.task.owner',
  startDate: 'loop.task.startDate',
  dueDate: 'loop.task.dueDate',
  cadence: 'loop.task.cadence',
  weight: 'loop.task.weight',
  tags: 'loop.task.tags',
};

const COLOURS: Record<string, string> = {
  'task.closed': 'green',
  'report.accepted': 'green',
  'report.returned': 'red',
  'task.completion_returned': 'red',
  'task.extension_refused': 'red',
  'task.suspended': 'gray',
  'instruction.created': '#b42318',
  'notice.escalate': 'red',
};

export function TaskTimeline({ taskId }: { taskId: string }) {
  const { t, tDynamic, locale, formatDate, formatDateTime } = useI18n();
  const timeline = useTimeline(taskId, { refetchOnMount: false });
  // The server names the actors; the directory is asked only for an entry it could not name.
  const userName = useUserName(timeline.data?.items.some((e) => e.actorId !== null && e.actorName === null) ?? false);
  const unitName = useUnitName();

  const describe = (e: TimelineItem): { headline: string; details: ReactNode[] } => {
    const name = e.actorName ?? userName(e.actorId);
    const details: ReactNode[] = [];
    if (e.action.startsWith('milestone.')) {
      const title = field(e.data, 'title');
      const date = field(e.data, 'dueDate');
      const done = field(e.data, 'done');
      const facts = [
        typeof date === 'string' ? t('loop.timeline.milestoneDate', { date: formatDate(date) }) : null,
        typeof done === 'boolean' ? t(done ? 'loop.timeline.milestoneDone' : 'loop.timeline.milestoneOpen') : null,
      ].filter((f): f is string => f !== null);
      if (facts.length) details.push(<span key="facts">{facts.join(t('loop.listSeparator'))}</span>);
      return { headline: tDynamic(`loop.timeline.${e.action}`, e.action, { name, title: typeof title === 'string' ? title : '' }), details };
    }
    if (e.kind === 'report') {
      const revision = field(e.data, 'revision');
      const headline = tDynamic(`loop.timeline.${e.action}`, e.action, {
        name,
        unit: unitName(String(field(e.data, 'unitId') ?? '')),
        period: String(field(e.data, 'periodKey') ?? ''),
        revision: typeof revision === 'number' ? revision : 0,
      });
      return { headline, details };
    }
    if (e.kind === 'notice') {
      // Notices arrive already worded in each language: { 'zh-Hans': { title, text }, … }.
      const words = noticeWords(e.data, locale);
      return {
        headline: words?.title ?? e.action,
        details: words?.text ? [<span key="text" style={{ whiteSpace: 'pre-wrap' }}>{words.text}</span>] : [],
      };
    }
    if (e.kind === 'instruction') {
      const text = field(e.data, 'text');
      return {
        headline: t('loop.timeline.instruction', { name }),
        details: typeof text === 'string' ? [<Typography.Paragraph key="text" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>] : [],
      };
    }
    const headline = field(e.data, 'implied')
      ? t('loop.timeline.impliedStart', { name })
      : tDynamic(`loop.timeline.${e.action}`, e.action, { name });
    const lead = field(e.data, 'leadUnitId');
    if (typeof lead === 'string') {
      const co = list(e.data, 'coUnitIds').map((u) => unitName(u));
      details.push(
        <span key="units">{co.length ? t('loop.timeline.unitsWithCo', { lead: unitName(lead), co: co.join(t('loop.listSeparator')) }) : t('loop.timeline.units', { lead: unitName(lead) })}</span>,
      );
    }
    const due = field(e.data, 'newDueDate');
    if (typeof due === 'string') details.push(<span key="due">{t('loop.timeline.newDueDate', { date: formatDate(due) })}</span>);
    const review = field(e.data, 'reviewDate');
    if (typeof review === 'string') details.push(<span key="review">{t('loop.timeline.reviewDate', { date: formatDate(review) })}</span>);
    if (e.action === 'task.updated') {
      const fields = list(e.data, 'fields').map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f));
      if (fields.length) details.push(<span key="fields">{t('loop.timeline.changedFields', { fields: fields.join(t('loop.listSeparator')) })}</span>);
    }
    return { headline, details };
  };

  const body = () => {
    if (timeline.isError) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
    if (timeline.isPending) return <Skeleton active />;
    const entries = [...timeline.data.items].reverse();
    if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.timeline.empty')} />;
    return (
      <Timeline
        items={entries.map((e, i) => {
          const { headline, details } = describe(e);
          const icon = e.kind === 'report' ? <FileTextOutlined />
            : e.kind === 'instruction' ? <MessageOutlined />
            : e.kind === 'notice' ? <BellOutlined />
            : e.action === 'task.closed' ? <AuditOutlined />
            : e.action === 'task.updated' ? <EditOutlined />
            : e.action.startsWith('milestone.') ? <FlagOutlined />
            : <SwapOutlined />;
          return {
            key: `${e.at}-${i}`,
            color: COLOURS[e.action] ?? 'blue',
            icon,
            content: (
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </Typography.Text>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{headline}</Typography.Text>
                {e.fromState && e.toState && e.fromState !== e.toState ? (
                  <Flex align="center" gap={4} wrap>
                    <StateTag state={e.fromState} />
                    <span aria-hidden>→</span>
                    <StateTag state={e.toState} />
                  </Flex>
                ) : null}
                {details.length ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{details}</Typography.Text> : null}
                {e.reason ? (
                  <Typography.Text style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>
                    {t('loop.timeline.reason', { reason: e.reason })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          };
        })}
      />
    );
  };

  return (
    <Card size="small" title={t('loop.timeline.heading')}>
      {body()}
    </Card>
  );
}
