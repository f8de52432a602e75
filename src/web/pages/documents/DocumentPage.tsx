/** One document: its details and its text in a readable panel. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useDocument } from '../../api/documents.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useScriptLabel } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.ts';

export default function DocumentPage() {
  const { id = '' } = useParams();
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const doc = useDocument(id);
  const scriptLabel = useScriptLabel();
  const navigate = useNavigate();
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/documents')}>{t('documents.back')}</Button>;

  if (doc.isError) {
    return (
      <>
        <PageHeader title={t('nav.documents')} extra={back} />
        <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />
      </>
    );
  }
  if (doc.isPending) {
    return (
      <>
        <PageHeader title={t('nav.documents')} extra={back} />
        <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>
      </>
    );
  }
  const d = doc.data;
  return (
    <>
      <PageHeader title={d.title} extra={back} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('documents.issuer')}>{d.issuer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('documents.date')}>{formatDate(d.date) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('documents.script')}><Tag>{scriptLabel(d.script)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('documents.format')}>{d.format.toUpperCase()}</Descriptions.Item>
            <Descriptions.Item label={t('documents.encoding')}>{d.encoding}</Descriptions.Item>
            <Descriptions.Item label={t('documents.length')}>{t('documents.characters', { count: formatNumber(d.length) })}</Descriptions.Item>
            <Descriptions.Item label={t('documents.importedAt')}>{formatDateTime(d.createdAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('documents.text')}>
          {/* The original text, line breaks kept; a comfortable measure and leading for long Chinese prose. */}
          <Typography.Paragraph
            lang={d.script === 'hant' ? 'zh-Hant' : 'zh-Hans'}
            style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9, maxWidth: '44em', margin: '0 auto', overflowWrap: 'anywhere' }}
          >
            {d.text}
          </Typography.Paragraph>
        </Card>
      </Flex>
    </>
  );
}
