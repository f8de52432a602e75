/** Users: filter by unit, role and text; create, edit and reset passwords. */
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { ROLES, type Role } from '../../../../core/permissions.ts';
import type { User } from '../../../api/types.ts';
import { useUnits } from '../../../api/units.ts';
import { useResetPassword, useUsers, type UserFilter } from '../../../api/users.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useRoleLabel } from '../../../components/labels.ts';
import { usePhone } from '../../../components/usePhone.ts';
import { SecretModal, type Secret } from '../../../components/SecretModal.tsx';
import { unitOptions } from '../../../components/units.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useErrorText } from '../../../i18n/errors.ts';
import { UserFormModal } from './UserFormModal.tsx';

export function UsersTab() {
  const { t, formatDateTime } = useI18n();
  const [filter, setFilter] = useState<UserFilter>({});
  const users = useUsers(filter);
  const units = useUnits();
  const roleLabel = useRoleLabel();
  const reset = useResetPassword();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const phone = usePhone();
  const width = (desktop: number) => (phone ? '100%' : desktop);

  const allUnits = useMemo(() => units.data?.items ?? [], [units.data]);
  const unitName = useMemo(() => new Map(allUnits.map((u) => [u.id, u.name])), [allUnits]);

  const resetPassword = (user: User) =>
    reset.mutate(user.id, {
      onSuccess: ({ generatedPassword }) => {
        if (generatedPassword) {
          setSecret({ title: t('users.passwordReset'), description: t('users.passwordResetHint', { name: user.displayName }), value: generatedPassword });
        }
      },
      onError: (err) => void message.error(errorText(err)),
    });

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: phone ? undefined : 140 },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.unit'), dataIndex: 'unitId', render: (id: string) => unitName.get(id) ?? '—', responsive: ['md'] },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) => <Space size={4} wrap>{roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>)}</Space>,
      responsive: ['sm'],
    },
    {
      title: t('users.status'),
      dataIndex: 'active',
      width: 90,
      responsive: ['sm'],
      render: (active: boolean) => (active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    { title: t('users.lastSignIn'), dataIndex: 'lastSignInAt', render: (v: string | null) => formatDateTime(v) || '—', responsive: ['lg'] },
    {
      title: t('common.actions'),
      key: 'actions',
      width: phone ? 72 : 120,
      render: (_: unknown, user) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(user)} aria-label={t('users.editNamed', { name: user.displayName })}>
            {phone ? null : t('common.edit')}
          </Button>
          <Popconfirm
            title={t('users.confirmReset', { name: user.displayName })}
            description={t('users.resetHint')}
            okText={t('users.resetPassword')}
            cancelText={t('common.cancel')}
            onConfirm={() => resetPassword(user)}
          >
            <Button type="link" size="small" icon={<KeyOutlined />} title={t('users.resetPassword')} aria-label={t('users.resetNamed', { name: user.displayName })} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card size={phone ? 'small' : 'default'}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
          style={{ width: width(220) }}
        />
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('users.allUnits')}
          aria-label={t('users.unit')}
          treeData={unitOptions(allUnits, () => false)}
          onChange={(unitId?: string) => setFilter((f) => ({ ...f, unitId: unitId || undefined }))}
          style={{ width: width(200) }}
        />
        <Select<Role>
          allowClear
          placeholder={t('users.allRoles')}
          aria-label={t('users.roles')}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          onChange={(role?: Role) => setFilter((f) => ({ ...f, role: role || undefined }))}
          style={{ width: width(150) }}
        />
        {phone ? null : <div style={{ flex: 1 }} />}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('users.create')}</Button>
      </Flex>
      {users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size={phone ? 'small' : 'middle'}
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
        />
      )}
      <UserFormModal
        user={editing === 'new' ? null : editing}
        open={editing !== null}
        units={allUnits}
        onClose={() => setEditing(null)}
        onCreated={(user, password) => {
          setEditing(null);
          if (password) {
            setSecret({ title: t('users.created'), description: t('users.createdHint', { name: user.displayName, username: user.username }), value: password });
          }
        }}
        onSaved={() => setEditing(null)}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
