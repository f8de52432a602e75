/**
 * The home page's inbox (工作台): what waits for the reader — to sign, to report, returned, overdue, to review —
 * and recent 批示, each item linking to its task (and report). Sections follow the reader's permissions.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useInbox, type InboxReport, type InboxTask, type Page } from '../../api/inbox.ts';
import { useAuth } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { useUnitName, useUserName } from '../../components/loop/names.ts';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { PlainMessageKey } from '../../i18n/index.ts';

export const taskLink = (id: string) => `/tasks/${encodeURIComponent(id)}`;
export const reportLink = (taskId: string, reportId: string) => `${taskLink(taskId)}?report=${encodeURIComponent(reportId)}`;
export const writeLink = (taskId: string, periodKey: string) => `${taskLink(taskId)}?write=${encodeURIComponent(periodKey)}`;

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <Col xs={24} lg={12}>
      <section aria-labelledby={id} style={{ height: '100%' }}>
        <Card
          size="small"
          style={{ height: '100%' }}
          title={
            <Flex align="center" gap={8}>
              <span id={id}>{title}</span>
              <Badge count={count} showZero color={count ? undefined : '#d9d9d9'} overflowCount={999} aria-hidden />
            </Flex>
          }
        >
          {children}
        </Card>
      </section>
    </Col>
  );
}

/** A list with its empty state and, when the server capped it, how many more there are. */
function ItemList<T>({ page, empty, render }: { page: Page<T>; empty: PlainMessageKey; render(item: T): ReactNode }) {
  const { t } = useI18n();
  if (page.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(empty)} />;
  return (
    <>
      <List size="small" dataSource={page.items} renderItem={(item) => <List.Item style={{ paddingInline: 0 }}>{render(item)}</List.Item>} />
      {page.total > page.items.length ? (
        <Typography.Text type="secondary">{t(page.totalCapped ? 'loop.inbox.moreAtLeast' : 'loop.inbox.more', { count: page.total - page.items.length })}</Typography.Text>
      ) : null}
    </>
  );
}

function TaskLine({ task, extra }: { task: InboxTask; extra?: ReactNode }) {
  const { t, formatDate } = useI18n();
  const unitName = useUnitName();
  return (
    <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        <HealthDot colour={task.health} />
        <Link to={taskLink(task.id)} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{task.title}</Link>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Flex gap={8} wrap align="center">
          <StateTag state={task.state} />
          {task.leadUnitId ? <span>{unitName(task.leadUnitId)}</span> : null}
          {task.dueDate ? <span>{t('loop.dueOn', { date: formatDate(task.dueDate) })}</span> : null}
          {extra}
        </Flex>
      </Typography.Text>
    </Flex>
  );
}

function ReportLine({ report, showReason }: { report: InboxReport; showReason: boolean }) {
  const { t, formatDateTime } = useI18n();
  const unitName = useUnitName();
  return (
    <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
      <Link to={reportLink(report.taskId, report.id)} style={{ overflowWrap: 'anywhere' }}>{report.taskTitle}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Flex gap={8} wrap>
          <span>{t('loop.report.periodOf', { period: report.periodKey })}</span>
          <span>{unitName(report.unitId)}</span>
          {report.revision > 1 ? <span>{t('loop.report.revision', { revision: report.revision })}</span> : null}
          {report.late ? <Tag color="orange">{t('loop.report.late')}</Tag> : null}
          {report.submittedAt && !showReason ? <span>{t('loop.report.submittedAt', { at: formatDateTime(report.submittedAt) })}</span> : null}
        </Flex>
      </Typography.Text>
      {showReason && report.returnReason ? (
        <Typography.Text type="danger" style={{ fontSize: 13 }}>{t('loop.report.returnReason', { reason: report.returnReason })}</Typography.Text>
      ) : null}
    </Flex>
  );
}

export function Inbox() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { can } = useAuth();
  const inbox = useInbox();
  const userName = useUserName();

  const heading = (
    <Typography.Title level={4} id="home-inbox" style={{ marginTop: 0 }}>
      <InboxOutlined aria-hidden /> {t('home.inbox.title')}
    </Typography.Title>
  );
  if (inbox.isError) return <section aria-labelledby="home-inbox">{heading}<ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} /></section>;
  if (inbox.isPending) return <section aria-labelledby="home-inbox">{heading}<Card><Skeleton active /></Card></section>;

  const box = inbox.data;
  const unitWork = can('report.submit') || can('task.sign');
  const reviewing = can('report.review');
  const requestKinds: Array<{ key: PlainMessageKey; page: Page<InboxTask>; extra(task: InboxTask): ReactNode }> = [
    { key: 'loop.inbox.completionRequests', page: box.toReview.completionRequests, extra: (task) => (task.completionRequestedBy ? <span>{userName(task.completionRequestedBy)}</span> : null) },
    {
      key: 'loop.inbox.extensionRequests',
      page: box.toReview.extensionRequests,
      extra: (task) => (task.pendingExtension ? <span>{t('loop.extension.asked', { date: formatDate(task.pendingExtension.newDueDate) })}</span> : null),
    },
    { key: 'loop.inbox.reassignRequests', page: box.toReview.reassignRequests, extra: () => null },
  ];

  return (
    <section aria-labelledby="home-inbox">
      {heading}
      <Row gutter={[16, 16]}>
        {unitWork ? (
          <>
            <Section id="inbox-to-sign" title={t('loop.inbox.toSign')} count={box.counts.toSign}>
              <ItemList page={box.toSign} empty="loop.inbox.toSign.empty" render={(task) => <TaskLine task={task} />} />
            </Section>
            <Section id="inbox-to-report" title={t('loop.inbox.toReport')} count={box.counts.toReport}>
              <ItemList
                page={box.toReport}
                empty="loop.inbox.toReport.empty"
                render={(due) => (
                  <TaskLine
                    task={due.task}
                    extra={due.periods.map((p) => (
                      <Link key={p.key} to={p.reportId ? reportLink(due.task.id, p.reportId) : writeLink(due.task.id, p.key)}>
                        <Tag color={p.overdue ? 'red' : 'blue'} style={{ cursor: 'pointer' }}>
                          {t(p.overdue ? 'loop.inbox.periodOverdue' : 'loop.inbox.periodDue', { period: p.key, date: formatDate(p.dueDate) })}
                        </Tag>
                      </Link>
                    ))}
                  />
                )}
              />
            </Section>
            <Section id="inbox-returned" title={t('loop.inbox.returned')} count={box.counts.returned}>
              <ItemList page={box.returned} empty="loop.inbox.returned.empty" render={(r) => <ReportLine report={r} showReason />} />
            </Section>
          </>
        ) : null}
        {reviewing ? (
          <Section id="inbox-to-review" title={t('loop.inbox.toReview')} count={box.counts.toReview}>
            {box.counts.toReview === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.inbox.toReview.empty')} />
            ) : (
              <Flex vertical gap={8}>
                {box.toReview.reports.total ? (
                  <div>
                    <Typography.Text strong>{t('loop.inbox.reportsToReview')}</Typography.Text>
                    <ItemList page={box.toReview.reports} empty="loop.inbox.toReview.empty" render={(r) => <ReportLine report={r} showReason={false} />} />
                  </div>
                ) : null}
                {requestKinds.filter((k) => k.page.total > 0).map((k) => (
                  <div key={k.key}>
                    <Typography.Text strong>{t(k.key)}</Typography.Text>
                    <ItemList page={k.page} empty="loop.inbox.toReview.empty" render={(task) => <TaskLine task={task} extra={k.extra(task)} />} />
                  </div>
                ))}
                <Link to="/supervision">{t('loop.inbox.openQueue')}</Link>
              </Flex>
            )}
          </Section>
        ) : null}
        <Section id="inbox-overdue" title={t('loop.inbox.overdue')} count={box.counts.overdue}>
          <ItemList page={box.overdue} empty="loop.inbox.overdue.empty" render={(task) => <TaskLine task={task} />} />
        </Section>
        <Section id="inbox-instructions" title={t('loop.inbox.instructions')} count={box.counts.instructions}>
          <ItemList
            page={box.instructions}
            empty="loop.inbox.instructions.empty"
            render={(i) => (
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link to={taskLink(i.taskId)} style={{ overflowWrap: 'anywhere' }}>{i.taskTitle}</Link>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('loop.instruction.by', { name: userName(i.authorId), at: formatDateTime(i.createdAt) })}
                </Typography.Text>
              </Flex>
            )}
          />
        </Section>
      </Row>
    </section>
  );
}
