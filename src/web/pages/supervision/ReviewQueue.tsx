/**
 * The review queue (待审核) of the supervisor's programmes, from the inbox's `toReview`: submitted reports, completion
 * requests (销号 or 退回), extension and reassignment requests — each opened inline to decide, or on its task page.
 */
import { Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useInbox, type InboxReport, type InboxTask, type Page } from '../../api/inbox.ts';
import { useReport } from '../../api/reports.ts';
import { useTask, type TaskAction } from '../../api/tasks.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { useUnitName, useUserName } from '../../components/loop/names.ts';
import { ReportCard } from '../../components/loop/ReportCard.tsx';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { useI18n, type PlainMessageKey } from '../../i18n/index.ts';
import { ActionBar } from '../tasks/ActionBar.tsx';

const taskLink = (id: string) => `/tasks/${encodeURIComponent(id)}`;

function ReportReview({ id }: { id: string }) {
  const report = useReport(id);
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (report.isPending) return <Skeleton active />;
  return <ReportCard report={report.data} />;
}

function TaskDecision({ id, only }: { id: string; only: readonly TaskAction[] }) {
  const detail = useTask(id);
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.isPending) return <Skeleton.Button active />;
  return <ActionBar detail={detail.data} only={only} />;
}

function Group<T extends { id: string }>({ title, page, render }: { title: PlainMessageKey; page: Page<T>; render(item: T, open: boolean, toggle: () => void): ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  if (page.total === 0) return null;
  return (
    <Card size="small" title={<Flex gap={8} align="center">{t(title)}<Tag>{page.total}</Tag></Flex>}>
      <List
        size="small"
        dataSource={page.items}
        renderItem={(item) => (
          <List.Item style={{ paddingInline: 0, display: 'block' }}>
            {render(item, open === item.id, () => setOpen((o) => (o === item.id ? null : item.id)))}
          </List.Item>
        )}
      />
      {page.total > page.items.length ? <Typography.Text type="secondary">{t('loop.inbox.more', { count: page.total - page.items.length })}</Typography.Text> : null}
    </Card>
  );
}

export function ReviewQueue() {
  const { t, formatDate, formatDateTime } = useI18n();
  const inbox = useInbox();
  const unitName = useUnitName();
  const userName = useUserName();

  if (inbox.isError) return <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (inbox.isPending) return <Card><Skeleton active /></Card>;
  const q = inbox.data.toReview;
  if (q.total === 0) return <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.inbox.toReview.empty')} /></Card>;

  const reportRow = (r: InboxReport, open: boolean, toggle: () => void) => (
    <Flex vertical gap={8}>
      <Flex justify="space-between" gap={8} wrap align="center">
        <Flex vertical style={{ minWidth: 0 }}>
          <Link to={`${taskLink(r.taskId)}?report=${encodeURIComponent(r.id)}`} style={{ overflowWrap: 'anywhere' }}>{r.taskTitle}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[unitName(r.unitId), t('loop.report.periodOf', { period: r.periodKey }), r.revision > 1 ? t('loop.report.revision', { revision: r.revision }) : null, r.submittedAt ? t('loop.report.submittedAt', { at: formatDateTime(r.submittedAt) }) : null].filter(Boolean).join(' · ')}
            {r.late ? <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('loop.report.late')}</Tag> : null}
          </Typography.Text>
        </Flex>
        <Button onClick={toggle} aria-expanded={open}>{open ? t('loop.queue.collapse') : t('loop.queue.review')}</Button>
      </Flex>
      {open ? <ReportReview id={r.id} /> : null}
    </Flex>
  );

  const taskRow = (only: readonly TaskAction[], extra: (task: InboxTask) => ReactNode) => (task: InboxTask, open: boolean, toggle: () => void) => (
    <Flex vertical gap={8}>
      <Flex justify="space-between" gap={8} wrap align="center">
        <Flex vertical style={{ minWidth: 0 }}>
          <Flex gap={8} align="center">
            <HealthDot colour={task.health} />
            <Link to={taskLink(task.id)} style={{ overflowWrap: 'anywhere' }}>{task.title}</Link>
          </Flex>
          <Flex gap={8} wrap align="center" style={{ fontSize: 12 }}>
            <StateTag state={task.state} />
            <Typography.Text type="secondary">{unitName(task.leadUnitId)}</Typography.Text>
            {task.dueDate ? <Typography.Text type="secondary">{t('loop.dueOn', { date: formatDate(task.dueDate) })}</Typography.Text> : null}
            {extra(task)}
          </Flex>
        </Flex>
        <Button onClick={toggle} aria-expanded={open}>{open ? t('loop.queue.collapse') : t('loop.queue.decide')}</Button>
      </Flex>
      {open ? <TaskDecision id={task.id} only={only} /> : null}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Group title="loop.inbox.reportsToReview" page={q.reports} render={reportRow} />
      <Group
        title="loop.inbox.completionRequests"
        page={q.completionRequests}
        render={taskRow(['close', 'returnCompletion'], (task) =>
          task.completionRequestedBy ? <Typography.Text type="secondary">{t('loop.task.completionRequestedBy', { name: userName(task.completionRequestedBy) })}</Typography.Text> : null)}
      />
      <Group
        title="loop.inbox.extensionRequests"
        page={q.extensionRequests}
        render={taskRow(['approveExtension', 'refuseExtension'], (task) =>
          task.pendingExtension ? (
            <Typography.Text type="secondary">
              {t('loop.extension.pendingReason', { date: formatDate(task.pendingExtension.newDueDate), name: userName(task.pendingExtension.requestedBy), reason: task.pendingExtension.reason })}
            </Typography.Text>
          ) : null)}
      />
      <Group title="loop.inbox.reassignRequests" page={q.reassignRequests} render={taskRow(['reassign'], () => null)} />
    </Flex>
  );
}
