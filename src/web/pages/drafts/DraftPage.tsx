/**
 * The review screen (/drafts/:id): the draft programme of a document, its title, counts and coverage meter, the
 * source text beside the editable tree, and 发布 (creates the programme and its tasks) or 放弃草稿.
 */
import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useDocument } from '../../api/documents.ts';
import { useDiscardDraft, useDraft, useEditDraft, usePublishDraft, type DraftView, type PublishResult } from '../../api/drafts.ts';
import type { DocumentDetail } from '../../api/types.ts';
import { useUnits } from '../../api/units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CoverageMeter } from '../../components/intake/CoverageMeter.tsx';
import type { SourceFocus } from '../../components/intake/SourceText.tsx';
import type { PaneKey } from '../../components/intake/TwoPane.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { DRAFT_STATUS } from '../documents/DraftsTab.tsx';
import { DraftReview } from './DraftReview.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { ledgerUrl } from '../ledger/useLedgerParams.ts';

const ledgerLink = (programmeId: string) => ledgerUrl({ programmeId });

/** The tasks publishing left unassigned, each with why: the supervisor's list for the ledger's bulk actions. */
function SkippedList({ skipped }: { skipped: PublishResult['skipped'] }) {
  const { t, formatNumber } = useI18n();
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12, textAlign: 'start' }}
      items={[{
        key: 'skipped',
        label: t('programme.publish.skippedTitle', { count: formatNumber(skipped.length) }),
        children: (
          <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="publish-skipped">
            {skipped.map((s) => <li key={s.taskId}>{s.title} — <Typography.Text type="secondary">{t(`programme.skip.${s.code}`)}</Typography.Text></li>)}
          </ul>
        ),
      }]}
    />
  );
}

function Closed({ view, published }: { view: DraftView; published: PublishResult | null }) {
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const d = view.draft;
  const back = <Link to={`/documents/${encodeURIComponent(d.documentId)}?tab=drafts`}>{t('intake.review.backToDocument')}</Link>;
  if (d.status === 'published' && d.programmeId) {
    return (
      <Result
        status="success"
        title={t('intake.publish.done')}
        subTitle={!published
          ? t('intake.publish.doneEarlier')
          : published.assigned.length
            ? t('programme.publish.doneAssigned', { count: formatNumber(published.tasks), assigned: formatNumber(published.assigned.length) })
            : t('intake.publish.doneTasks', { count: formatNumber(published.tasks) })}
        extra={[
          <Button
            key="ledger"
            type="primary"
            href={ledgerLink(d.programmeId)}
            onClick={(e) => {
              // A real link (it opens in a new tab too), followed inside the app.
              e.preventDefault();
              navigate(ledgerLink(d.programmeId!));
            }}
          >
            {t('intake.publish.openLedger')}
          </Button>,
          <span key="back">{back}</span>,
        ]}
      >
        {published?.skipped.length ? <SkippedList skipped={published.skipped} /> : null}
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }}>
          {t('intake.publish.programmeId', { id: d.programmeId })}
        </Typography.Paragraph>
      </Result>
    );
  }
  return <Result status="info" title={t('intake.review.discarded')} extra={back} />;
}

function Header({ view, doc, onJump }: { view: DraftView; doc: DocumentDetail; onJump(span: [number, number]): void }) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const d = view.draft;
  const edit = useEditDraft(d.id);
  const publish = usePublishDraft(d.id);
  const discard = useDiscardDraft(d.id);
  const [published, setPublished] = useState<PublishResult | null>(null);
  const [publishing, setPublishing] = useState(false);
  useDocumentTitle(d.title);

  const publishNow = (assign: boolean) => {
    publish.mutate({ version: d.version, assign }, {
      onSuccess: (result) => {
        setPublishing(false);
        setPublished(result);
      },
      onError: (err) => void message.error(errorText(err)),
    });
  };

  const confirmDiscard = () => {
    modal.confirm({
      title: t('intake.discard.confirmTitle'),
      content: t('intake.discard.confirmBody'),
      okText: t('intake.discard.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => discard.mutateAsync(d.version).then(
        () => navigate(`/documents/${encodeURIComponent(d.documentId)}?tab=drafts`),
        (err: unknown) => void message.error(errorText(err)),
      ),
    });
  };

  if (d.status !== 'open' || published) {
    return (
      <>
        <PageHeader title={d.title} subtitle={<Tag color={DRAFT_STATUS[d.status].color}>{t(DRAFT_STATUS[d.status].label)}</Tag>} />
        {d.status === 'open' ? <Card><Skeleton active /></Card> : <Card><Closed view={view} published={published} /></Card>}
      </>
    );
  }

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Typography.Title
            level={3}
            style={{ margin: 0, minWidth: 0, flex: '1 1 320px' }}
            editable={{
              tooltip: t('intake.review.editTitle'),
              maxLength: 300,
              triggerType: ['icon'],
              onChange: (title) => {
                const next = title.trim();
                if (!next || next === d.title) return;
                edit.mutate({ version: d.version, title: next, operations: [] }, { onError: (err) => void message.error(errorText(err)) });
              },
            }}
          >
            {d.title}
          </Typography.Title>
          <Flex gap={8} wrap>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(`/documents/${encodeURIComponent(d.documentId)}?tab=drafts`)}>{t('intake.review.backToDocument')}</Button>
            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={confirmDiscard} loading={discard.isPending}>{t('intake.discard.button')}</Button>
            <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setPublishing(true)} loading={publish.isPending} disabled={view.counts.included === 0}>
              {t('intake.publish.button')}
            </Button>
            <PublishDialog open={publishing} view={view} busy={publish.isPending} onCancel={() => setPublishing(false)} onPublish={publishNow} />
          </Flex>
        </Flex>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Flex gap={8} wrap align="center" style={{ minHeight: 32 }}>
            <Tag color={DRAFT_STATUS.open.color}>{t(DRAFT_STATUS.open.label)}</Tag>
            <Typography.Text type="secondary" data-testid="draft-counts">
              {t('intake.review.counts', { included: formatNumber(view.counts.included), all: formatNumber(view.counts.all) })}
            </Typography.Text>
            <Link to={`/documents/${encodeURIComponent(d.documentId)}`}>{doc.title}</Link>
          </Flex>
          <div style={{ flex: '0 1 520px', minWidth: 0 }}>
            <CoverageMeter coverage={view.coverage} onJump={onJump} />
          </div>
        </Flex>
      </Flex>
    </Card>
  );
}

export default function DraftPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const draft = useDraft(id);
  const documentId = draft.data?.draft.documentId ?? '';
  const doc = useDocument(documentId);
  const units = useUnits();
  const [focus, setFocus] = useState<SourceFocus | null>(null);
  const [pane, setPane] = useState<PaneKey>('structure');

  const failed = draft.error ?? (documentId ? doc.error : null) ?? units.error;
  if (failed) {
    return (
      <>
        <PageHeader title={t('intake.review.title')} extra={<Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/documents')}>{t('documents.back')}</Button>} />
        <ErrorAlert error={failed} onRetry={() => void Promise.all([draft.refetch(), doc.refetch(), units.refetch()])} />
      </>
    );
  }
  if (!draft.data || !doc.data || !units.data) {
    return (
      <>
        <PageHeader title={t('intake.review.title')} />
        <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>
      </>
    );
  }
  const view = draft.data;
  const jump = (span: [number, number]) => {
    setFocus({ span, nonce: Date.now() });
    if (phone) setPane('source');
  };
  return (
    <>
      <Header view={view} doc={doc.data} onJump={jump} />
      {view.draft.status === 'open' ? (
        <DraftReview
          view={view}
          doc={doc.data}
          units={units.data.items}
          phone={phone}
          focus={focus}
          onFocus={setFocus}
          pane={pane}
          onPane={setPane}
        />
      ) : null}
    </>
  );
}
