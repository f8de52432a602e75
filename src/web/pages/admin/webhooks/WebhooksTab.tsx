/**
 * Webhook 推送: the webhooks (create, edit, activate / deactivate, delete, send a test message) and, below, the
 * delivery queue. Permission `webhook.manage`.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useProgrammes } from '../../../api/programmes.ts';
import {
  useDeleteWebhook, useTestWebhook, useUpdateWebhook, useWebhooks, type Webhook, type WebhookTestResult,
} from '../../../api/webhooks.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { usePhone } from '../../../components/usePhone.ts';
import { useErrorText } from '../../../i18n/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { urlOrigin, useFormatLabel } from './labels.ts';
import { OutboxCard } from './OutboxCard.tsx';
import { WebhookFormModal } from './WebhookFormModal.tsx';

/** The answer of the last test, kept on screen until closed or replaced. */
interface TestOutcome {
  name: string;
  result: WebhookTestResult;
}

function TestOutcomeAlert({ outcome, onClose }: { outcome: TestOutcome; onClose(): void }) {
  const { t } = useI18n();
  const { name, result } = outcome;
  const title = result.ok
    ? t('admin.webhooks.testOk', { name, status: result.status ?? '—' })
    : result.status === null
      ? t('admin.webhooks.testFailed', { name })
      : t('admin.webhooks.testFailedStatus', { name, status: result.status });
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      closable={{ onClose }}
      title={title}
      // The receiver's or the network's own words, as the server reports them (not translated).
      description={result.error ? <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{result.error}</Typography.Text> : undefined}
      role="status"
    />
  );
}

export function WebhooksTab() {
  const { t } = useI18n();
  const webhooks = useWebhooks();
  const programmes = useProgrammes();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  const formatLabel = useFormatLabel();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = usePhone();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);

  const programmeTitle = useMemo(() => new Map((programmes.data?.items ?? []).map((p) => [p.id, p.title])), [programmes.data]);
  const fail = (err: unknown) => void message.error(errorText(err));

  const sendTest = (hook: Webhook) => {
    setOutcome(null);
    test.mutate(hook.id, { onSuccess: (result) => setOutcome({ name: hook.name, result }), onError: fail });
  };

  const toggle = (hook: Webhook) =>
    update.mutate({ id: hook.id, version: hook.version, active: !hook.active }, {
      onSuccess: (saved) => void message.success(t(saved.active ? 'admin.webhooks.activated' : 'admin.webhooks.deactivated', { name: saved.name })),
      onError: fail,
    });

  const columns: TableColumnsType<Webhook> = [
    { title: t('admin.webhooks.name'), dataIndex: 'name' },
    { title: t('admin.webhooks.format'), dataIndex: 'format', render: (f: string) => <Tag>{formatLabel(f)}</Tag>, responsive: ['sm'] },
    {
      title: t('admin.webhooks.url'),
      dataIndex: 'url',
      responsive: ['md'],
      render: (url: string) => <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>{urlOrigin(url)}</Typography.Text>,
    },
    {
      title: t('admin.webhooks.programme'),
      dataIndex: 'programmeId',
      responsive: ['lg'],
      render: (id: string | null) => {
        const title = id ? (programmeTitle.get(id) ?? id) : t('admin.webhooks.allProgrammes');
        return <Typography.Text ellipsis={{ tooltip: title }} style={{ maxWidth: 180 }}>{title}</Typography.Text>;
      },
    },
    {
      title: t('admin.webhooks.secret'),
      dataIndex: 'hasSecret',
      responsive: ['lg'],
      render: (set: boolean) => (set ? t('admin.webhooks.secretSet') : <Typography.Text type="secondary">{t('admin.webhooks.secretNone')}</Typography.Text>),
    },
    {
      title: t('admin.webhooks.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="green">{t('admin.webhooks.active')}</Tag> : <Tag>{t('admin.webhooks.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, hook) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<SendOutlined />}
            loading={test.isPending && test.variables === hook.id}
            disabled={test.isPending && test.variables !== hook.id}
            onClick={() => sendTest(hook)}
            aria-label={t('admin.webhooks.testNamed', { name: hook.name })}
          >
            {phone ? null : t('admin.webhooks.test')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(hook)}
            title={t('common.edit')}
            aria-label={t('admin.webhooks.editNamed', { name: hook.name })}
          />
          <Button type="link" size="small" onClick={() => toggle(hook)} loading={update.isPending && update.variables?.id === hook.id}>
            {hook.active ? t('admin.webhooks.deactivate') : t('admin.webhooks.activate')}
          </Button>
          <Popconfirm
            title={t('admin.webhooks.confirmDelete', { name: hook.name })}
            description={t('admin.webhooks.deleteHint')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutate(hook.id, {
                onSuccess: () => {
                  void message.success(t('admin.webhooks.deleted', { name: hook.name }));
                  if (outcome?.name === hook.name) setOutcome(null);
                },
                onError: fail,
              })}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('admin.webhooks.delete', { name: hook.name })} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        size={phone ? 'small' : 'default'}
        title={t('admin.webhooks.heading')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('admin.webhooks.create')}</Button>}
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('admin.webhooks.intro')}</Typography.Text>
          {outcome ? <TestOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} /> : null}
          {webhooks.isError ? (
            <ErrorAlert error={webhooks.error} onRetry={() => void webhooks.refetch()} />
          ) : (
            <Table<Webhook>
              rowKey="id"
              size={phone ? 'small' : 'middle'}
              columns={columns}
              dataSource={webhooks.data?.items ?? []}
              loading={webhooks.isPending}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('admin.webhooks.empty') }}
            />
          )}
        </Flex>
      </Card>
      <OutboxCard />
      {editing ? (
        <WebhookFormModal
          key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(hook) => {
            setEditing(null);
            void message.success(t('admin.webhooks.created', { name: hook.name }));
          }}
        />
      ) : null}
    </Flex>
  );
}
