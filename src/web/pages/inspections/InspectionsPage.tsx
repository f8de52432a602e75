/** 督查调研: the inspections the reader may see, with their findings still to rectify; supervisors plan a new one. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Select, Skeleton, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { INSPECTION_KINDS, useCreateInspection, useInspections, type InspectionSummary } from '../../api/mechanism.ts';
import { useProgrammes } from '../../api/programmes.ts';
import { useUnits } from '../../api/units.ts';
import { useUsers } from '../../api/users.ts';
import { useAuth, useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

export const inspectionUrl = (id: string) => `/inspections/${encodeURIComponent(id)}`;
export const STATE_COLOUR: Record<InspectionSummary['state'], string> = { planned: 'default', in_progress: 'blue', reporting: 'purple', closed: 'green' };

interface Values {
  programmeId: string;
  topic: string;
  kind: InspectionSummary['kind'];
  startDate?: string;
  endDate?: string;
  team: string;
  memberIds: string[];
  targetUnitIds?: string[];
}

function NewInspectionModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { user } = useCurrentUser();
  const { can } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const users = useUsers({ active: true }, { enabled: can('user.read') });
  const units = useUnits();
  const create = useCreateInspection();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const mine = (programmes.data?.items ?? []).filter((p) => p.supervisorIds.includes(user.id) && p.status !== 'archived');
  return (
    <Modal open title={t('mech.inspection.new')} okText={t('common.create')} confirmLoading={create.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden width={640}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> name="newInspection"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'special', team: t('mech.inspection.teamDefault'), memberIds: [user.id] }}
        onFinish={(v) => {
          setError(null);
          create.mutate({
            programmeId: v.programmeId, topic: v.topic.trim(), kind: v.kind, startDate: v.startDate || null, endDate: v.endDate || null,
            members: v.memberIds.map((userId, i) => ({ userId, team: v.team.trim(), leader: i === 0 })), targetUnitIds: v.targetUnitIds ?? [],
          }, { onSuccess: (i) => { onClose(); navigate(inspectionUrl(i.id)); }, onError: setError });
        }}
      >
        <Form.Item name="programmeId" label={t('mech.inspection.programme')} rules={[{ required: true, message: t('mech.inspection.programme') }]}>
          <Select options={mine.map((p) => ({ value: p.id, label: p.title }))} loading={programmes.isPending} />
        </Form.Item>
        <Form.Item name="topic" label={t('mech.inspection.topic')} rules={[{ required: true, whitespace: true, message: t('mech.inspection.topic') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kind" label={t('mech.inspection.kind')} rules={[{ required: true }]}>
          <Select options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`mech.kind.${k}`) }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="startDate" label={t('mech.inspection.dates')}><Input type="date" /></Form.Item>
          <Form.Item name="endDate" label=" "><Input type="date" /></Form.Item>
        </Flex>
        <Form.Item name="team" label={t('mech.inspection.team')} rules={[{ required: true, whitespace: true, message: t('mech.inspection.team') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('mech.inspection.members')} rules={[{ required: true, message: t('mech.inspection.members') }]}>
          <Select mode="multiple" optionFilterProp="label" options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))} loading={users.isPending} />
        </Form.Item>
        <Form.Item name="targetUnitIds" label={t('mech.inspection.targets')}>
          <Select mode="multiple" optionFilterProp="label" options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function InspectionsPage() {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const list = useInspections();
  const [creating, setCreating] = useState(false);
  const columns = [
    { key: 'topic', title: t('mech.inspection.topic'), render: (i: InspectionSummary) => <Link to={inspectionUrl(i.id)} style={{ overflowWrap: 'anywhere' }}>{i.topic}</Link> },
    { key: 'kind', title: t('mech.inspection.kind'), render: (i: InspectionSummary) => <Tag>{t(`mech.kind.${i.kind}`)}</Tag> },
    { key: 'state', title: t('mech.inspection.state'), render: (i: InspectionSummary) => <Tag color={STATE_COLOUR[i.state]}>{t(`mech.state.${i.state}`)}</Tag> },
    { key: 'dates', title: t('mech.inspection.dates'), render: (i: InspectionSummary) => [i.startDate, i.endDate].filter(Boolean).map((d) => formatDate(d)).join(' – ') || '—' },
    { key: 'findings', title: t('mech.inspection.findingList'), render: (i: InspectionSummary) => <Tag color={i.openFindings > 0 ? 'orange' : 'green'}>{t('mech.inspection.findings', { count: i.findings, open: i.openFindings })}</Tag> },
  ];
  return (
    <>
      <PageHeader title={t('nav.inspections')} extra={can('inspection.manage') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('mech.inspection.new')}</Button> : null} />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Card><Skeleton active /></Card> : null}
      {list.data ? (
        list.data.items.length === 0
          ? <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mech.inspection.list.empty')} /></Card>
          : <Table<InspectionSummary> rowKey="id" size="middle" dataSource={list.data.items} columns={columns} pagination={false} scroll={{ x: true }} />
      ) : null}
      {creating ? <NewInspectionModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
