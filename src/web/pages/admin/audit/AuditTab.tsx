/** The audit log: filters, newest first, "load more" by sequence number, and the hash-chain check. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuditEvents, useVerifyAudit, type AuditFilter } from '../../../api/audit.ts';
import type { AuditEvent } from '../../../api/audit.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditEventDetail } from './AuditEventDetail.tsx';

export function AuditTab() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useAuditEvents(filter);
  const verify = useVerifyAudit();
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<AuditEvent> = [
    { title: '#', dataIndex: 'seq', width: 70 },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 180 },
    { title: t('audit.actor'), dataIndex: 'actorName' },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('audit.object'),
      key: 'object',
      responsive: ['md'],
      render: (_: unknown, e) => (
        <span>
          {e.objectType} <Typography.Text type="secondary" copyable={{ text: e.objectId }} style={{ fontSize: 12 }}>{e.objectId.slice(-8)}</Typography.Text>
        </span>
      ),
    },
  ];

  const report = verify.data;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('audit.chain')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </Button>
        }
      >
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {report ? (
          report.ok ? (
            <Alert type="success" showIcon title={t('audit.chainOk', { count: formatNumber(report.checked) })} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('audit.chainBroken', { seq: report.brokenAt?.seq ?? '?' })}
              description={report.brokenAt?.reason}
            />
          )
        ) : !verify.isError ? (
          <Typography.Text type="secondary">{t('audit.chainHint')}</Typography.Text>
        ) : null}
      </Card>
      <Card size="small">
        <AuditFilters onApply={setFilter} />
        {events.isError ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <>
            <Table<AuditEvent>
              rowKey="seq"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={events.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (e) => <AuditEventDetail event={e} /> }}
            />
            <Flex justify="center" style={{ marginTop: 12 }}>
              {events.hasNextPage ? (
                <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>{t('audit.loadMore')}</Button>
              ) : rows.length > 0 ? (
                <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
              ) : null}
            </Flex>
          </>
        )}
      </Card>
    </Flex>
  );
}
