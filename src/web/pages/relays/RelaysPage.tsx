/** 传达学习: the campaigns the reader may see, with how many units have recorded; supervisors open a new one. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useDocuments } from '../../api/documents.ts';
import { useCreateRelayCampaign, useRelayCampaigns, type RelayCampaign } from '../../api/mechanism.ts';
import { useProgrammes } from '../../api/programmes.ts';
import { useAuth, useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RelayLight } from './RelayLight.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

export const relayUrl = (id: string) => `/relays/${encodeURIComponent(id)}`;

interface Values { programmeId: string; documentId: string; deadline?: string }

function OpenCampaignModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useCurrentUser();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const documents = useDocuments();
  const create = useCreateRelayCampaign();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const programmeId = Form.useWatch('programmeId', form);
  const mine = (programmes.data?.items ?? []).filter((p) => p.supervisorIds.includes(user.id) && p.status !== 'archived');
  const docIds = new Set(mine.find((p) => p.id === programmeId)?.documentIds ?? []);
  const docs = (documents.data?.items ?? []).filter((d) => docIds.has(d.id));
  return (
    <Modal open title={t('mech.relay.open')} okText={t('common.create')} confirmLoading={create.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> name="relayCampaign"
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          create.mutate(
            { programmeId: v.programmeId, documentId: v.documentId, ...(v.deadline ? { deadline: v.deadline } : {}) },
            { onSuccess: (c) => { void message.success(t('mech.record.saved')); onClose(); navigate(relayUrl(c.id)); }, onError: setError },
          );
        }}
      >
        <Form.Item name="programmeId" label={t('mech.relay.open.programme')} rules={[{ required: true, message: t('mech.relay.open.programme') }]}>
          <Select options={mine.map((p) => ({ value: p.id, label: p.title }))} loading={programmes.isPending} onChange={() => form.setFieldValue('documentId', undefined)} />
        </Form.Item>
        <Form.Item name="documentId" label={t('mech.relay.open.document')} rules={[{ required: true, message: t('mech.relay.open.document') }]}>
          <Select options={docs.map((d) => ({ value: d.id, label: d.title }))} loading={documents.isPending} disabled={!programmeId} />
        </Form.Item>
        <Form.Item name="deadline" label={t('mech.relay.open.deadline')} extra={t('mech.relay.open.deadlineHint')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function RelaysPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const { can } = useAuth();
  const list = useRelayCampaigns();
  const [opening, setOpening] = useState(false);
  const columns = [
    { key: 'document', title: t('mech.relay.document'), render: (c: RelayCampaign) => <Link to={relayUrl(c.id)} style={{ overflowWrap: 'anywhere' }}>{c.documentTitle}</Link> },
    { key: 'programme', title: t('mech.relay.programme'), render: (c: RelayCampaign) => <Typography.Text type="secondary">{c.programmeTitle}</Typography.Text> },
    { key: 'deadline', title: t('mech.relay.deadline'), render: (c: RelayCampaign) => <Flex gap={6} wrap>{formatDate(c.deadline)}{c.overdue ? <Tag color="red">{t('mech.relay.overdue')}</Tag> : null}</Flex> },
    { key: 'health', title: t('mech.relay.health'), render: (c: RelayCampaign) => <RelayLight health={c.health} /> },
    {
      key: 'progress',
      title: t('mech.relay.coverage'),
      render: (c: RelayCampaign) => (
        <Flex gap={6} wrap>
          <Tag color={c.missing === 0 ? 'green' : 'blue'}>{t('mech.relay.progress', { recorded: formatNumber(c.recorded), expected: formatNumber(c.expected) })}</Tag>
          {c.missing > 0 ? <Tag color="orange">{t('mech.relay.missing', { count: formatNumber(c.missing) })}</Tag> : null}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.relays')} extra={can('programme.manage') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>{t('mech.relay.open')}</Button> : null} />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Card><Skeleton active /></Card> : null}
      {list.data ? (
        list.data.items.length === 0
          ? <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mech.relay.list.empty')} /></Card>
          : <Table<RelayCampaign> rowKey="id" size="middle" dataSource={list.data.items} columns={columns} pagination={false} scroll={{ x: true }} />
      ) : null}
      {opening ? <OpenCampaignModal onClose={() => setOpening(false)} /> : null}
    </>
  );
}
