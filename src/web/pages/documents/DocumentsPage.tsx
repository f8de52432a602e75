/** 文件: the imported documents, searchable in either script, and the import dialog. */
import { ImportOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { useDocuments } from '../../api/documents.ts';
import type { DocumentSummary } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useScriptLabel } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ImportDocumentModal } from './ImportDocumentModal.tsx';

export default function DocumentsPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const documents = useDocuments(q);
  const scriptLabel = useScriptLabel();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);

  const search = (value: string) => {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  };

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
      <PageHeader
        title={t('nav.documents')}
        extra={can('document.import') ? (
          <Button type="primary" icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>{t('intake.import.open')}</Button>
        ) : null}
      />
      <Flex vertical gap={12}>
        {/* Keyed by the URL's q so that going back in history shows the right words in the box. */}
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          enterButton
          placeholder={t('intake.search.placeholder')}
          aria-label={t('intake.search.label')}
          onSearch={search}
          style={{ maxWidth: 480 }}
        />
        {documents.isError ? (
          <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <Table<DocumentSummary>
              rowKey="id"
              columns={columns}
              dataSource={documents.data?.items ?? []}
              loading={documents.isPending || documents.isPlaceholderData}
              pagination={{ hideOnSinglePage: true, pageSize: 20 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('intake.search.none', { q }) : t('documents.empty')} /> }}
            />
          </Card>
        )}
      </Flex>
      <ImportDocumentModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(id) => {
          setImporting(false);
          navigate(`/documents/${encodeURIComponent(id)}`);
        }}
      />
    </>
  );
}
