/** API tokens for scripts: create (the secret is shown once), list, revoke. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCreateToken, useRevokeToken, useTokens } from '../../api/session.ts';
import type { ApiToken } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SecretModal, type Secret } from '../../components/SecretModal.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';

interface Values {
  name: string;
  expiresInDays?: number | null;
}

function tokenState(token: ApiToken, now: number): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

export function TokensCard() {
  const { t, formatDateTime } = useI18n();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [form] = Form.useForm<Values>();
  const [secret, setSecret] = useState<Secret | null>(null);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [now] = useState(() => Date.now());
  const phone = usePhone();
  const item = phone ? { marginBottom: 8 } : undefined;
  const onError = (err: unknown) => void message.error(errorText(err));

  const submit = (v: Values) =>
    create.mutate({ name: v.name.trim(), ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}) }, {
      onSuccess: ({ token, record }) => {
        form.resetFields();
        setSecret({ title: t('tokens.created'), description: t('tokens.createdHint', { name: record.name }), value: token });
      },
      onError,
    });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    { title: t('tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), responsive: ['md'] },
    { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDateTime(v) || t('tokens.never'), responsive: ['lg'] },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => formatDateTime(v) || t('tokens.noExpiry'), responsive: ['md'] },
    {
      title: t('users.status'),
      key: 'state',
      render: (_: unknown, tok) => {
        const state = tokenState(tok, now);
        return <Tag color={state === 'active' ? 'green' : undefined}>{t(`tokens.state.${state}`)}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, tok) =>
        tokenState(tok, now) === 'active' ? (
          <Popconfirm
            title={t('tokens.confirmRevoke', { name: tok.name })}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(tok.id, { onSuccess: () => void message.success(t('tokens.revoked')), onError })}
          >
            <Button type="link" danger size="small">{t('tokens.revoke')}</Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Form<Values> name="token" form={form} layout={phone ? 'vertical' : 'inline'} onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="name" style={item} rules={[{ required: true, whitespace: true, max: 100, message: t('tokens.nameRequired') }]}>
          <Input placeholder={t('tokens.name')} aria-label={t('tokens.name')} maxLength={100} style={{ width: phone ? '100%' : 220 }} />
        </Form.Item>
        <Form.Item name="expiresInDays" style={item}>
          <InputNumber min={1} max={3650} precision={0} placeholder={t('tokens.expiresInDays')} aria-label={t('tokens.expiresInDays')} style={{ width: phone ? '100%' : 240 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>{t('tokens.create')}</Button>
        </Form.Item>
      </Form>
      {tokens.isError ? (
        <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tokens.empty') }}
        />
      )}
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
