/**
 * 投递队列: deliveries waiting to be sent (pending) or given up (dead), newest first, with attempts, the last error
 * and the next attempt; a dead one can be requeued with a fresh retry budget.
 */
import { ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { OUTBOX_VIEWS, useOutbox, useRetryOutbox, type OutboxRow, type OutboxView } from '../../../api/webhooks.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { usePhone } from '../../../components/usePhone.ts';
import { useErrorText } from '../../../i18n/errors.ts';
import { useI18n } from '../../../i18n/index.ts';

export function OutboxCard() {
  const { t, tDynamic, formatDateTime, formatNumber } = useI18n();
  const [view, setView] = useState<OutboxView>('pending');
  const outbox = useOutbox(view);
  const retry = useRetryOutbox();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = usePhone();
  const rows = outbox.data?.pages.flatMap((p) => p.items) ?? [];

  const recipient = (r: OutboxRow) => {
    if (r.channel === 'webhook') return r.webhookName ?? t('admin.webhooks.outbox.deletedWebhook');
    return r.target;
  };

  const columns: TableColumnsType<OutboxRow> = [
    {
      title: t('admin.webhooks.outbox.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => <time dateTime={v}>{formatDateTime(v)}</time>,
      responsive: ['md'],
    },
    {
      title: t('admin.webhooks.outbox.notice'),
      key: 'notice',
      render: (_: unknown, r) =>
        r.notice ? (
          <Flex vertical gap={0} style={{ minWidth: 160, maxWidth: 300 }}>
            {/* The server words this title in Simplified Chinese. */}
            <span lang="zh-Hans" style={{ overflowWrap: 'anywhere' }}>{r.notice.title}</span>
            {r.notice.taskId ? <Link to={`/tasks/${encodeURIComponent(r.notice.taskId)}`} style={{ fontSize: 12 }}>{t('admin.webhooks.outbox.openTask')}</Link> : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{r.noticeId}</Typography.Text>
        ),
    },
    {
      title: t('admin.webhooks.outbox.channel'),
      dataIndex: 'channel',
      width: 100,
      render: (c: string) => <Tag>{tDynamic(`admin.webhooks.outbox.channel.${c}`, c)}</Tag>,
      responsive: ['sm'],
    },
    { title: t('admin.webhooks.outbox.target'), key: 'target', render: (_: unknown, r) => <span style={{ overflowWrap: 'anywhere' }}>{recipient(r)}</span> },
    { title: t('admin.webhooks.outbox.attempts'), dataIndex: 'attempts', width: 90, align: 'end', render: (n: number) => formatNumber(n) },
    {
      title: t('admin.webhooks.outbox.lastError'),
      dataIndex: 'lastError',
      render: (e: string | null) =>
        e ? (
          // The transport's own words (SMTP or HTTP), not translated.
          <Typography.Text type="danger" style={{ fontSize: 12, overflowWrap: 'anywhere', display: 'inline-block', maxWidth: 280 }}>{e}</Typography.Text>
        ) : '—',
    },
    ...(view === 'pending'
      ? [{
        title: t('admin.webhooks.outbox.nextAttempt'),
        dataIndex: 'nextAttemptAt',
        width: 170,
        render: (v: string) => <time dateTime={v}>{formatDateTime(v)}</time>,
      }]
      : [{
        title: t('common.actions'),
        key: 'actions',
        width: 100,
        render: (_: unknown, r: OutboxRow) => (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retry.isPending && retry.variables === r.id}
            aria-label={t('admin.webhooks.outbox.retryNamed', { id: r.id })}
            onClick={() =>
              retry.mutate(r.id, {
                onSuccess: () => void message.success(t('admin.webhooks.outbox.retried')),
                onError: (err) => void message.error(errorText(err)),
              })}
          >
            {t('admin.webhooks.outbox.retry')}
          </Button>
        ),
      }]),
  ];

  return (
    <Card
      size={phone ? 'small' : 'default'}
      title={t('admin.webhooks.outbox.heading')}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void outbox.refetch()}
          loading={outbox.isRefetching && !outbox.isFetchingNextPage}
          aria-label={t('admin.webhooks.outbox.refresh')}
        >
          {phone ? null : t('admin.webhooks.outbox.refresh')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('admin.webhooks.outbox.intro')}</Typography.Text>
        <Segmented<OutboxView>
          value={view}
          onChange={setView}
          aria-label={t('admin.webhooks.outbox.heading')}
          options={OUTBOX_VIEWS.map((v) => ({ value: v, label: t(v === 'pending' ? 'admin.webhooks.outbox.pending' : 'admin.webhooks.outbox.dead') }))}
          style={{ alignSelf: 'flex-start' }}
        />
        {outbox.isError ? (
          <ErrorAlert error={outbox.error} onRetry={() => void outbox.refetch()} />
        ) : (
          <>
            <Table<OutboxRow>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={outbox.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t(view === 'pending' ? 'admin.webhooks.outbox.emptyPending' : 'admin.webhooks.outbox.emptyDead') }}
            />
            {outbox.hasNextPage ? (
              <Flex justify="center">
                <Button onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>{t('admin.webhooks.outbox.loadMore')}</Button>
              </Flex>
            ) : null}
          </>
        )}
      </Flex>
    </Card>
  );
}
