/** The task's facts: units and their parts, owner, dates, cadence, progress, health with its reasons, source text. */
import { Alert, Card, Descriptions, Flex, List, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useDocument } from '../../api/documents.ts';
import type { Closure, ExtensionDecision, Task, TaskDetail } from '../../api/tasks.ts';
import { useAuth } from '../../app/auth.tsx';
import { Dot, HealthDot } from '../../components/loop/HealthDot.tsx';
import { useCadenceLabel, useHealthReasonText } from '../../components/loop/labels.ts';
import { useUnitName, useUserName } from '../../components/loop/names.ts';
import { useI18n } from '../../i18n/index.ts';

/** The passage of the source document this task was decomposed from. */
function SourceExcerpt({ source }: { source: NonNullable<Task['source']> }) {
  const { t } = useI18n();
  const doc = useDocument(source.documentId);
  const excerpt = doc.data?.text.slice(source.start, source.end).trim();
  return (
    <Flex vertical gap={4}>
      {excerpt ? (
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap', borderInlineStart: '3px solid #d9d9d9', paddingInlineStart: 10 }}
          ellipsis={{ rows: 4, expandable: 'collapsible' }}
          lang={doc.data?.script === 'hant' ? 'zh-Hant' : 'zh-Hans'}
        >
          {excerpt}
        </Typography.Paragraph>
      ) : null}
      <Link to={`/documents/${encodeURIComponent(source.documentId)}`}>{doc.data ? t('loop.task.sourceOf', { title: doc.data.title }) : t('loop.task.openSource')}</Link>
    </Flex>
  );
}

/** How the task was closed: by whom, when, at what progress, and the reason when it fell short. */
function ClosureNote({ closure }: { closure: Closure }) {
  const { t, formatDateTime } = useI18n();
  const userName = useUserName();
  const short = closure.progress < 100 || !closure.finalReportAccepted;
  return (
    <Alert
      type={short ? 'warning' : 'success'}
      showIcon
      role="note"
      aria-label={t('loop.closure.heading')}
      title={t('loop.closure.by', { name: closure.closedByName ?? userName(closure.closedBy), at: formatDateTime(closure.at), progress: closure.progress })}
      description={
        short || closure.reason ? (
          <Flex vertical gap={2}>
            {closure.finalReportAccepted ? null : <span>{t('loop.closure.noFinalReport')}</span>}
            {closure.reason ? <span style={{ whiteSpace: 'pre-wrap' }}>{t('loop.closure.reason', { reason: closure.reason })}</span> : null}
          </Flex>
        ) : undefined
      }
    />
  );
}

/** The last decision on an extension request: approved or refused, by whom, when, the dates and the reason. */
function ExtensionDecisionNote({ decision }: { decision: ExtensionDecision }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const userName = useUserName();
  const name = decision.decidedByName ?? userName(decision.decidedBy);
  const title =
    decision.decision === 'approved'
      ? t('loop.extension.approvedBy', { name, at: formatDateTime(decision.at), from: formatDate(decision.previousDueDate) || '—', to: formatDate(decision.newDueDate) })
      : t('loop.extension.refusedBy', { name, at: formatDateTime(decision.at), date: formatDate(decision.requestedDueDate) });
  return (
    <Alert
      type={decision.decision === 'approved' ? 'info' : 'warning'}
      showIcon
      role="note"
      aria-label={t('loop.extension.lastDecision')}
      title={title}
      description={decision.reason ? <span style={{ whiteSpace: 'pre-wrap' }}>{t('loop.timeline.reason', { reason: decision.reason })}</span> : undefined}
    />
  );
}

export function TaskOverview({ detail }: { detail: TaskDetail }) {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  const { can } = useAuth();
  const unitName = useUnitName();
  const userName = useUserName();
  const cadenceLabel = useCadenceLabel();
  const reasonText = useHealthReasonText();
  const { task } = detail;
  const cadence = task.cadence
    ? task.cadence.kind === 'custom'
      ? t('loop.cadence.customDates', { dates: task.cadence.dates.map((d) => formatDate(d)).join(t('loop.listSeparator')) })
      : cadenceLabel(task.cadence.kind)
    : t('loop.cadence.none');

  return (
    <Card size="small" title={t('loop.task.overview')}>
      <Flex vertical gap={12}>
        {task.pendingExtension ? (
          <Alert
            type="warning"
            showIcon
            title={t('loop.extension.pending', { date: formatDate(task.pendingExtension.newDueDate), name: userName(task.pendingExtension.requestedBy) })}
            description={task.pendingExtension.reason}
          />
        ) : null}
        {task.state === 'completion_requested' && task.completionRequestedBy ? (
          <Alert type="info" showIcon title={t('loop.task.completionRequestedBy', { name: userName(task.completionRequestedBy) })} />
        ) : null}
        {task.closure ? <ClosureNote closure={task.closure} /> : null}
        {task.lastExtensionDecision ? <ExtensionDecisionNote decision={task.lastExtensionDecision} /> : null}
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('loop.task.leadUnit')}>{task.leadUnitId ? unitName(task.leadUnitId) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loop.task.owner')}>{task.ownerUserId ? userName(task.ownerUserId) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loop.task.startDate')}>{formatDate(task.startDate) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loop.task.dueDate')}>{formatDate(task.dueDate) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loop.task.cadence')}>{cadence}</Descriptions.Item>
          {task.state === 'suspended' ? <Descriptions.Item label={t('loop.task.reviewDate')}>{formatDate(task.reviewDate) || '—'}</Descriptions.Item> : null}
          {task.assignedAt ? <Descriptions.Item label={t('loop.task.assignedAt')}>{formatDateTime(task.assignedAt)}</Descriptions.Item> : null}
          {task.signedAt ? <Descriptions.Item label={t('loop.task.signedAt')}>{formatDateTime(task.signedAt)}</Descriptions.Item> : null}
          {task.closedAt ? <Descriptions.Item label={t('loop.task.closedAt')}>{formatDateTime(task.closedAt)}</Descriptions.Item> : null}
          <Descriptions.Item label={t('loop.task.progress')}>
            <Progress percent={task.progress} size="small" style={{ width: 200, margin: 0 }} />
          </Descriptions.Item>
          {task.tags.length ? (
            <Descriptions.Item label={t('loop.task.tags')}>
              <Flex gap={4} wrap>{task.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}</Flex>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {task.coUnits.length ? (
          <div>
            <Typography.Text type="secondary">{t('loop.task.coUnits')}</Typography.Text>
            <List
              size="small"
              dataSource={task.coUnits}
              renderItem={(c) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex vertical>
                    <Typography.Text strong>{unitName(c.unitId)}</Typography.Text>
                    {c.part ? <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{c.part}</Typography.Text> : null}
                  </Flex>
                </List.Item>
              )}
            />
          </div>
        ) : null}
        <div>
          <Flex align="center" gap={8} style={{ marginBottom: 4 }}>
            <Typography.Text type="secondary">{t('loop.task.health')}</Typography.Text>
            <HealthDot colour={task.health} summary={task.healthSummary} withLabel />
          </Flex>
          {task.healthSummary ? <Typography.Paragraph style={{ margin: 0 }}>{task.healthSummary[locale]}</Typography.Paragraph> : null}
          {task.healthReasons.length > 1 || (task.healthReasons[0] && !task.healthSummary) ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 0, listStyle: 'none' }}>
              {task.healthReasons.map((r) => (
                <li key={r.code} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                  <Dot colour={r.colour} size={8} /> {reasonText(r)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {task.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.description}</Typography.Paragraph> : null}
        {task.keyPoints.length ? (
          <div>
            <Typography.Text type="secondary">{t('programme.keyPoints.title')}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="key-points">
              {task.keyPoints.map((k) => <li key={k.span[0]}>{k.text}</li>)}
            </ul>
          </div>
        ) : null}
        {task.source && can('document.read') ? (
          <div>
            <Typography.Text type="secondary">{t('loop.task.source')}</Typography.Text>
            <SourceExcerpt source={task.source} />
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
