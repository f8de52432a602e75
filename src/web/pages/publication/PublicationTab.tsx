/** 督查 → 公开与线索: a programme's 公开 switch with the preview of its public content, and its leads queue. */
import { ExportOutlined } from '@ant-design/icons';
import { App, Card, Empty, Flex, Select, Skeleton, Switch, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useProgrammes } from '../../api/programmes.ts';
import { usePreview, usePublication, useSetPublished } from '../../api/publication.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { LeadsQueue } from './LeadsQueue.tsx';
import { PreviewCards } from './PreviewCards.tsx';

function PublicationPanel({ programmeId }: { programmeId: string }) {
  const { t, formatDate } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const publication = usePublication(programmeId);
  const preview = usePreview(programmeId);
  const setPublished = useSetPublished(programmeId);
  const p = publication.data;
  const toggle = (on: boolean) =>
    modal.confirm({
      title: t(on ? 'public.confirmPublish' : 'public.confirmWithdraw'),
      onOk: () =>
        setPublished.mutateAsync(on).then(
          () => void message.success(t(on ? 'public.publishedMessage' : 'public.withdrawnMessage')),
          (e: unknown) => void message.error(errorText(e)),
        ),
    });
  return (
    <Flex vertical gap={12}>
      {publication.isError ? <ErrorAlert error={publication.error} onRetry={() => void publication.refetch()} /> : null}
      {p ? (
        <Flex gap={12} align="center" wrap>
          <Switch
            checked={p.published}
            loading={setPublished.isPending}
            disabled={!(p.abilities.publish || p.abilities.withdraw)}
            onChange={toggle}
            aria-label={t('public.switch')}
            checkedChildren={t('public.switch.on')}
            unCheckedChildren={t('public.switch.off')}
          />
          <Typography.Text>{p.published ? t('public.published', { date: formatDate(p.publishedAt) }) : t('public.withdrawn')}</Typography.Text>
          {p.published ? (
            <a href={`/public/programmes/${encodeURIComponent(programmeId)}`} target="_blank" rel="noreferrer">
              {t('public.open')} <ExportOutlined aria-hidden />
            </a>
          ) : null}
        </Flex>
      ) : (
        <Skeleton.Input active />
      )}
      <Card size="small" title={t('public.preview')}>
        <Typography.Paragraph type="secondary">{t('public.preview.hint')}</Typography.Paragraph>
        {preview.isError ? <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} /> : preview.data ? <PreviewCards content={preview.data} /> : <Skeleton active />}
      </Card>
    </Flex>
  );
}

export function PublicationTab() {
  const { t } = useI18n();
  const { user } = useCurrentUser();
  const programmes = useProgrammes();
  const mine = useMemo(() => (programmes.data?.items ?? []).filter((p) => p.supervisorIds.includes(user.id) && p.status === 'active'), [programmes.data, user.id]);
  // The chosen programme lives in the URL (?programme=), so a link can open the tab on it.
  const [params, setParams] = useSearchParams();
  const wanted = params.get('programme');
  const programmeId = (wanted && mine.some((p) => p.id === wanted) ? wanted : null) ?? mine[0]?.id ?? null;
  const setChosen = (id: string) => setParams((prev) => { const next = new URLSearchParams(prev); next.set('programme', id); return next; }, { replace: true });
  if (programmes.isPending) return <Skeleton active />;
  if (programmes.isError) return <ErrorAlert error={programmes.error} onRetry={() => void programmes.refetch()} />;
  if (!programmeId) return <Empty description={t('public.programme.none')} />;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <label htmlFor="public-programme">{t('public.programme')}</label>
        <Select
          id="public-programme"
          style={{ minWidth: 260, maxWidth: '100%' }}
          value={programmeId}
          onChange={setChosen}
          aria-label={t('public.programme.choose')}
          options={mine.map((p) => ({ value: p.id, label: p.title }))}
        />
      </Flex>
      <PublicationPanel key={programmeId} programmeId={programmeId} />
      <Card size="small" title={t('public.leads')}>
        <LeadsQueue key={programmeId} programmeId={programmeId} />
      </Card>
    </Flex>
  );
}
