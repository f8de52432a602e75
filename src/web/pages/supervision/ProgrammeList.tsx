/** The programmes (重点工作) the reader may see, each opening its ledger; supervisors create one by hand. */
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Modal, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCreateProgramme, useProgrammes, type Programme } from '../../api/programmes.ts';
import { useUsers } from '../../api/users.ts';
import { useAuth, useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUserName } from '../../components/loop/names.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { ledgerUrl } from '../ledger/useLedgerParams.ts';
import { ProgrammeSettingsModal } from './ProgrammeSettings.tsx';

interface Values {
  title: string;
  description?: string;
  supervisorIds?: string[];
}

function CreateProgrammeModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useCurrentUser();
  const { can } = useAuth();
  const errorText = useErrorText();
  const phone = usePhone();
  const navigate = useNavigate();
  const create = useCreateProgramme();
  const supervisors = useUsers({ role: 'supervisor', active: true }, { enabled: can('user.read') });
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('loop.programme.create')}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      style={phone ? { top: 12 } : undefined}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> name="newProgramme"
        form={form}
        layout="vertical"
        initialValues={{ supervisorIds: [user.id] }}
        onFinish={(v) => {
          setError(null);
          create.mutate(
            { title: v.title.trim(), description: v.description?.trim() || null, supervisorIds: v.supervisorIds?.length ? v.supervisorIds : undefined },
            {
              onSuccess: (p) => {
                void message.success(t('loop.programme.created', { title: p.title }));
                onClose();
                navigate(ledgerUrl({ programmeId: p.id }));
              },
              onError: setError,
            },
          );
        }}
      >
        <Form.Item name="title" label={t('loop.programme.title')} rules={[{ required: true, whitespace: true, max: 300, message: t('loop.programme.titleRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('loop.programme.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="supervisorIds" label={t('loop.programme.supervisors')} extra={t('loop.programme.supervisorsHint')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(supervisors.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProgrammeList() {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const programmes = useProgrammes();
  const userName = useUserName();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Programme | null>(null);

  return (
    <Card
      size="small"
      title={t('loop.programme.heading')}
      extra={can('programme.manage') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('loop.programme.create')}</Button> : null}
    >
      {programmes.isError ? (
        <ErrorAlert error={programmes.error} onRetry={() => void programmes.refetch()} />
      ) : programmes.isPending ? (
        <Skeleton active />
      ) : programmes.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.programme.empty')} />
      ) : (
        <List
          dataSource={programmes.data.items}
          renderItem={(p) => (
            <List.Item
              style={{ paddingInline: 0 }}
              actions={p.abilities.manage
                ? [<Button key="settings" size="small" icon={<SettingOutlined />} onClick={() => setEditing(p)}>{t('programme.settings.open')}</Button>]
                : undefined}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <Link to={ledgerUrl({ programmeId: p.id })} style={{ overflowWrap: 'anywhere' }}>{p.title}</Link>
                  {p.status === 'archived' ? <Tag>{t('loop.programme.archived')}</Tag> : null}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('loop.programme.meta', { date: formatDate(p.createdAt), names: p.supervisorIds.map((id) => userName(id)).join(t('loop.listSeparator')) })}
                </Typography.Text>
                {p.description ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{p.description}</Typography.Paragraph> : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {creating ? <CreateProgrammeModal onClose={() => setCreating(false)} /> : null}
      {editing ? <ProgrammeSettingsModal programme={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
