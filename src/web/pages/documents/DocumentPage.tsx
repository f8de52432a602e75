/**
 * One document: its facts, a download of the original file, and tabs for the decomposition beside the text,
 * proposed repairs of machine-converted Traditional, comparison with another document, and the drafts made from it.
 */
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Tabs, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { originalUrl, useDecomposition, useDocument } from '../../api/documents.ts';
import type { DocumentDetail } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useScriptLabel } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n, type PlainMessageKey } from '../../i18n/index.ts';
import { CompareTab } from './CompareTab.tsx';
import { DecompositionTab } from './DecompositionTab.tsx';
import { DraftsTab } from './DraftsTab.tsx';
import { RepairsTab } from './RepairsTab.tsx';

type TabKey = 'decomposition' | 'repairs' | 'compare' | 'drafts';

interface DocumentTab {
  key: TabKey;
  label: PlainMessageKey;
  visible(can: ReturnType<typeof useAuth>['can']): boolean;
  render(doc: DocumentDetail): ReactNode;
}

const TABS: readonly DocumentTab[] = [
  { key: 'decomposition', label: 'intake.tab.decomposition', visible: () => true, render: (d) => <DecompositionTab doc={d} /> },
  { key: 'repairs', label: 'intake.tab.repairs', visible: () => true, render: (d) => <RepairsTab doc={d} /> },
  { key: 'compare', label: 'intake.tab.compare', visible: () => true, render: (d) => <CompareTab doc={d} /> },
  { key: 'drafts', label: 'intake.tab.drafts', visible: (can) => can('programme.manage'), render: (d) => <DraftsTab doc={d} /> },
];

function Facts({ doc }: { doc: DocumentDetail }) {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const scriptLabel = useScriptLabel();
  const meeting = useDecomposition(doc.id).data?.document.meeting ?? null;
  const items: DescriptionsProps['items'] = [
    { key: 'issuer', label: t('documents.issuer'), children: doc.issuer ?? '—' },
    { key: 'date', label: t('documents.date'), children: formatDate(doc.date) || '—' },
    { key: 'script', label: t('documents.script'), children: <Tag>{scriptLabel(doc.script)}</Tag> },
    { key: 'encoding', label: t('documents.encoding'), children: <span data-testid="document-encoding">{doc.encoding}</span> },
    { key: 'format', label: t('documents.format'), children: doc.format.toUpperCase() },
    { key: 'length', label: t('documents.length'), children: t('documents.characters', { count: formatNumber(doc.length) }) },
    ...(meeting ? [{
      key: 'meeting',
      label: t('intake.facts.meeting'),
      children: t('intake.facts.meetingCount', { members: meeting.members === null ? '—' : formatNumber(meeting.members), alternates: meeting.alternates === null ? '—' : formatNumber(meeting.alternates) }),
    }] : []),
    { key: 'file', label: t('intake.facts.file'), children: doc.filename ? `${doc.filename} · ${t('intake.facts.kb', { size: formatNumber(Math.max(1, Math.round(doc.byteSize / 1024))) })}` : t('intake.facts.pasted') },
    { key: 'importedAt', label: t('documents.importedAt'), children: formatDateTime(doc.createdAt) },
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}

export default function DocumentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const doc = useDocument(id);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const back = <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/documents')}>{t('documents.back')}</Button>;

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
  const tabs = TABS.filter((tab) => tab.visible(can));
  const current = tabs.find((tab) => tab.key === params.get('tab')) ?? tabs[0]!;
  return (
    <>
      <PageHeader
        title={d.title}
        extra={(
          <>
            <Button icon={<DownloadOutlined aria-hidden />} href={originalUrl(d.id)}>{t('intake.facts.download')}</Button>
            {back}
          </>
        )}
      />
      <Flex vertical gap={12}>
        <Card size="small"><Facts doc={d} /></Card>
        <Tabs
          activeKey={current.key}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={tabs.map((tab) => ({ key: tab.key, label: t(tab.label), children: tab.key === current.key ? tab.render(d) : null }))}
        />
      </Flex>
    </>
  );
}
