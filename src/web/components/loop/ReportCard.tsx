/**
 * One progress report: its content, evidence (downloads), the history of returns with their reasons, and the actions
 * the reader may take on it (edit / submit for its unit, accept / return for the supervisor).
 */
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List, Progress, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Report } from '../../api/reports.ts';
import type { Milestone } from '../../api/tasks.ts';
import { useI18n } from '../../i18n/index.ts';
import { INTL_TAGS } from '../../i18n/locale.ts';
import { useUnitName, useUserName } from './names.ts';
import { ReviewButtons } from './ReviewButtons.tsx';
import { ReportStateTag } from './StateTag.tsx';

/** 1 234 B, 12.5 KB, 3.4 MB in the reader's number format. */
export function useFormatBytes(): (n: number) => string {
  const { locale } = useI18n();
  return (n: number) => {
    const [value, unit] = n < 1024 ? [n, 'B'] : n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / 1024 / 1024, 'MB'];
    return `${new Intl.NumberFormat(INTL_TAGS[locale], { maximumFractionDigits: 1 }).format(value)} ${unit}`;
  };
}

export function ReportCard({ report, milestones = [], onEdit, extra, highlighted = false, title }: {
  report: Report;
  milestones?: Milestone[];
  onEdit?: () => void;
  extra?: ReactNode;
  highlighted?: boolean;
  title?: ReactNode;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const unitName = useUnitName();
  const userName = useUserName();
  const formatBytes = useFormatBytes();
  const milestoneTitle = (id: string) => milestones.find((m) => m.id === id)?.title ?? id;

  const notes: Array<[string, string | null]> = [
    [t('loop.report.problems'), report.problems],
    [t('loop.report.coordination'), report.coordination],
    [t('loop.report.nextSteps'), report.nextSteps],
  ];

  return (
    <Card
      size="small"
      id={`report-${report.id}`}
      style={highlighted ? { borderColor: '#b42318', boxShadow: '0 0 0 2px rgba(180, 35, 24, .15)' } : undefined}
      title={
        title ?? (
          <Flex gap={8} wrap align="center">
            <span>{t('loop.report.periodOf', { period: report.periodKey })}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{unitName(report.unitId)}</Typography.Text>
          </Flex>
        )
      }
      extra={
        <Flex gap={4} wrap justify="flex-end">
          <ReportStateTag state={report.state} />
          {report.final ? <Tag color="geekblue">{t('loop.report.finalTag')}</Tag> : null}
          {report.revision > 1 ? <Tag>{t('loop.report.revision', { revision: report.revision })}</Tag> : null}
          {report.late ? <Tag color="orange">{t('loop.report.late')}</Tag> : null}
          {report.locked ? <Tag>{t('loop.report.locked')}</Tag> : null}
        </Flex>
      }
    >
      <Flex vertical gap={10}>
        {report.period ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('loop.report.periodRange', { start: report.period.start ? formatDate(report.period.start) : '…', end: formatDate(report.period.end), due: formatDate(report.period.dueDate) })}
          </Typography.Text>
        ) : null}
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('loop.report.progress')}</Typography.Text>
          <Progress percent={report.progress} size="small" style={{ width: 200, margin: 0 }} />
        </Flex>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{report.text}</Typography.Paragraph>
        {report.final && report.summary ? (
          <div>
            <Typography.Text type="secondary">{t('loop.report.summary')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{report.summary}</Typography.Paragraph>
          </div>
        ) : null}
        {notes.some(([, v]) => v) ? (
          <Descriptions size="small" column={1}>
            {notes.filter(([, v]) => v).map(([label, value]) => (
              <Descriptions.Item key={label} label={label}><span style={{ whiteSpace: 'pre-wrap' }}>{value}</span></Descriptions.Item>
            ))}
          </Descriptions>
        ) : null}
        {report.milestoneUpdates.length ? (
          <div>
            <Typography.Text type="secondary">{t('loop.report.milestoneUpdates')}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {report.milestoneUpdates.map((u) => (
                <li key={u.milestoneId}>
                  {t(u.done ? 'loop.report.milestoneDone' : 'loop.report.milestoneNotDone', { title: milestoneTitle(u.milestoneId) })}
                  {u.note ? <Typography.Text type="secondary"> {u.note}</Typography.Text> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div>
          <Typography.Text type="secondary"><PaperClipOutlined /> {t('loop.report.evidence')}</Typography.Text>
          {report.evidence.length === 0 ? (
            <Typography.Text type="secondary"> {t('loop.report.noEvidence')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={report.evidence}
              renderItem={(e) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <a href={e.downloadUrl} download={e.filename} style={{ overflowWrap: 'anywhere' }}>
                    <DownloadOutlined /> {e.filename}
                  </a>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap', marginInlineStart: 8 }}>{formatBytes(e.byteSize)}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </div>
        {report.returns.length ? (
          <div>
            <Typography.Text type="secondary">{t('loop.report.returnHistory')}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {report.returns.map((r) => (
                <li key={`${r.revision}-${r.at}`}>
                  <Typography.Text type="danger">
                    {t('loop.report.returnedBy', { revision: r.revision, name: userName(r.actorId), at: formatDateTime(r.at) })}
                  </Typography.Text>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</div>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[
            t('loop.report.author', { name: userName(report.authorId) }),
            report.submittedAt ? t('loop.report.submittedAt', { at: formatDateTime(report.submittedAt) }) : null,
            report.reviewedAt && report.reviewedBy ? t('loop.report.reviewedBy', { name: userName(report.reviewedBy), at: formatDateTime(report.reviewedAt) }) : null,
          ].filter(Boolean).join(' · ')}
        </Typography.Text>
        {(report.abilities.edit && onEdit) || report.abilities.accept || report.abilities.return || extra ? (
          <Flex gap={8} wrap>
            {report.abilities.edit && onEdit ? (
              <Button type={report.state === 'returned' ? 'primary' : 'default'} onClick={onEdit}>
                {report.state === 'returned' ? t('loop.report.revise') : t('loop.report.continue')}
              </Button>
            ) : null}
            <ReviewButtons report={report} />
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
