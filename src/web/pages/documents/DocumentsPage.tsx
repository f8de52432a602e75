/** 文件: the imported documents. */
import { Card, Empty, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useDocuments } from '../../api/documents.ts';
import type { DocumentSummary } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useScriptLabel } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.ts';

export default function DocumentsPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const documents = useDocuments();
  const scriptLabel = useScriptLabel();

  const columns: TableColumnsType<DocumentSummary> = [
    { title: t('documents.title'), dataIndex: 'title', render: (title: string, d) => <Link to={`/documents/${encodeURIComponent(d.id)}`}>{title}</Link> },
    { title: t('documents.issuer'), dataIndex: 'issuer', responsive: ['md'] },
    { title: t('documents.date'), dataIndex: 'date', render: (v: string | null) => formatDate(v), width: 140 },
    { title: t('documents.script'), dataIndex: 'script', render: (v: string) => <Tag>{scriptLabel(v)}</Tag>, responsive: ['lg'], width: 110 },
    { title: t('documents.length'), dataIndex: 'length', render: (v: number) => formatNumber(v), align: 'right', responsive: ['lg'], width: 110 },
    { title: t('documents.importedAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v), responsive: ['xl'], width: 140 },
  ];

  return (
    <>
      <PageHeader title={t('nav.documents')} />
      {documents.isError ? (
        <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<DocumentSummary>
            rowKey="id"
            columns={columns}
            dataSource={documents.data?.items ?? []}
            loading={documents.isPending}
            pagination={{ hideOnSinglePage: true, pageSize: 20 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.empty')} /> }}
          />
        </Card>
      )}
    </>
  );
}
