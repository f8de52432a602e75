/** 方案草稿: the drafts made from this document, and 开始分解审核 to start a new review. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useCreateDraft, useDrafts, type DraftStatus, type DraftSummary } from '../../api/drafts.ts';
import type { DocumentDetail } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n, type PlainMessageKey } from '../../i18n/index.ts';
import { ledgerUrl } from '../ledger/useLedgerParams.ts';

export const DRAFT_STATUS: Record<DraftStatus, { label: PlainMessageKey; color: string }> = {
  open: { label: 'intake.draft.status.open', color: 'processing' },
  published: { label: 'intake.draft.status.published', color: 'success' },
  discarded: { label: 'intake.draft.status.discarded', color: 'default' },
};

export function DraftsTab({ doc }: { doc: DocumentDetail }) {
  const { t, formatDateTime } = useI18n();
  const drafts = useDrafts(doc.id);
  const create = useCreateDraft();
  const navigate = useNavigate();

  const start = () => create.mutate({ documentId: doc.id }, { onSuccess: (view) => navigate(`/drafts/${encodeURIComponent(view.draft.id)}`) });

  const columns: TableColumnsType<DraftSummary> = [
    { title: t('intake.draft.title'), dataIndex: 'title', render: (title: string, d) => <Link to={`/drafts/${encodeURIComponent(d.id)}`}>{title}</Link> },
    {
      title: t('intake.draft.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: DraftStatus) => <Tag color={DRAFT_STATUS[s]?.color}>{DRAFT_STATUS[s] ? t(DRAFT_STATUS[s].label) : s}</Tag>,
    },
    {
      title: t('intake.draft.programme'),
      dataIndex: 'programmeId',
      responsive: ['md'],
      render: (id: string | null) => (id ? <Link to={ledgerUrl({ programmeId: id })}>{t('intake.publish.openLedger')}</Link> : '—'),
    },
    { title: t('intake.draft.updatedAt'), dataIndex: 'updatedAt', width: 180, responsive: ['sm'], render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('intake.draft.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} loading={create.isPending} onClick={start}>{t('intake.draft.start')}</Button>
      </Flex>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      {drafts.isError ? (
        <ErrorAlert error={drafts.error} onRetry={() => void drafts.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<DraftSummary>
            rowKey="id"
            columns={columns}
            dataSource={drafts.data?.items ?? []}
            loading={drafts.isPending}
            pagination={{ hideOnSinglePage: true, pageSize: 20 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.draft.none')} /> }}
          />
        </Card>
      )}
    </Flex>
  );
}
