/**
 * One inspection: its teams and targets, the state actions, visits, findings with their 整改 tasks (转整改, 不适用)
 * and files. Everything offered comes from the answer's `abilities`; a liaison's answer holds only its unit's part.
 */
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Form, Input, List, Modal, Row, Select, Skeleton, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  FINDING_SEVERITIES, inspectionEvidenceUrl, useCreateFinding, useCreateVisit, useInspection, useMoveInspection, useNotApplicable, useRectifyFinding,
  useUpdateInspection, useUploadInspectionEvidence, type Finding, type Inspection,
} from '../../api/mechanism.ts';
import { useUnits } from '../../api/units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import type { TaskState } from '../../api/tasks.ts';
import { STATE_COLOUR } from './InspectionsPage.tsx';
import { EditTeamsButton } from './TeamsEditor.tsx';

const SEVERITY_COLOUR: Record<Finding['severity'], string> = { general: 'default', serious: 'orange', grave: 'red' };
const STANDING_COLOUR: Record<Finding['standing'], string> = { open: 'red', rectifying: 'blue', rectified: 'green', not_applicable: 'default' };
const ACTIONS = ['start', 'report', 'close', 'reopen'] as const;

function useUnitOptions() {
  const units = useUnits();
  return (units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
}

function VisitForm({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const create = useCreateVisit();
  const options = useUnitOptions();
  const [form] = Form.useForm<{ unitId?: string; visitedOn: string; notes: string }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Form name="inspectionVisit" form={form} layout="vertical" onFinish={(v) => create.mutate({ id: inspection.id, unitId: v.unitId ?? null, visitedOn: v.visitedOn, notes: v.notes }, { onSuccess: () => form.resetFields(), onError: setError })}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 8 }} /> : null}
      <Flex gap={8} wrap>
        <Form.Item name="visitedOn" label={t('mech.inspection.visit.date')} rules={[{ required: true, message: t('mech.inspection.visit.date') }]}><Input type="date" /></Form.Item>
        <Form.Item name="unitId" label={t('mech.inspection.visit.unit')} style={{ minWidth: 200 }}><Select allowClear showSearch optionFilterProp="label" options={options} /></Form.Item>
      </Flex>
      <Form.Item name="notes" label={t('mech.inspection.visit.notes')} rules={[{ required: true, whitespace: true, message: t('mech.inspection.visit.notes') }]}><Input.TextArea rows={2} maxLength={20000} /></Form.Item>
      <Button htmlType="submit" loading={create.isPending}>{t('mech.inspection.visit.add')}</Button>
    </Form>
  );
}

function FindingForm({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const create = useCreateFinding();
  const options = useUnitOptions();
  const [form] = Form.useForm<{ unitId: string; title: string; description?: string; severity: Finding['severity']; source: Finding['source'] }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Form name="inspectionFinding" form={form} layout="vertical" initialValues={{ severity: 'general', source: 'finding' }}
      onFinish={(v) => create.mutate({ id: inspection.id, unitId: v.unitId, title: v.title, description: v.description?.trim() || null, severity: v.severity, source: v.source }, { onSuccess: () => form.resetFields(), onError: setError })}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 8 }} /> : null}
      <Form.Item name="title" label={t('mech.inspection.finding.title')} rules={[{ required: true, whitespace: true, message: t('mech.inspection.finding.title') }]}><Input maxLength={300} /></Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="unitId" label={t('mech.inspection.finding.unit')} rules={[{ required: true, message: t('mech.inspection.finding.unit') }]} style={{ minWidth: 200 }}>
          <Select showSearch optionFilterProp="label" options={options} />
        </Form.Item>
        <Form.Item name="severity" label={t('mech.inspection.finding.severity')}>
          <Select style={{ minWidth: 100 }} options={FINDING_SEVERITIES.map((s) => ({ value: s, label: t(`mech.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="source" label={t('mech.inspection.finding.source')}>
          <Select style={{ minWidth: 140 }} options={[{ value: 'finding', label: t('mech.inspection.finding.sourceFinding') }, { value: 'recommendation', label: t('mech.inspection.finding.sourceRecommendation') }]} />
        </Form.Item>
      </Flex>
      <Form.Item name="description" label={t('mech.inspection.finding.description')}><Input.TextArea rows={2} maxLength={10000} /></Form.Item>
      <Button htmlType="submit" loading={create.isPending}>{t('mech.inspection.finding.add')}</Button>
    </Form>
  );
}

function SettleButtons({ finding }: { finding: Finding }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const rectify = useRectifyFinding();
  const na = useNotApplicable();
  const [mode, setMode] = useState<'rectify' | 'na' | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const close = () => { setMode(null); setValue(''); setError(null); };
  const ok = () => {
    if (mode === 'rectify') rectify.mutate({ id: finding.id, version: finding.version, dueDate: value }, { onSuccess: () => { void message.success(t('mech.inspection.rectify.done')); close(); }, onError: setError });
    else na.mutate({ id: finding.id, version: finding.version, reason: value.trim() }, { onSuccess: close, onError: setError });
  };
  return (
    <Flex gap={6} wrap>
      {finding.abilities.rectify ? <Button size="small" type="primary" onClick={() => setMode('rectify')}>{t('mech.inspection.rectify')}</Button> : null}
      {finding.abilities.notApplicable ? <Button size="small" onClick={() => setMode('na')}>{t('mech.inspection.notApplicable')}</Button> : null}
      {mode ? (
        <Modal open title={mode === 'rectify' ? t('mech.inspection.rectify') : t('mech.inspection.notApplicable')} onCancel={close} onOk={ok}
          okButtonProps={{ disabled: !value.trim() }} confirmLoading={rectify.isPending || na.isPending}>
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 8 }} /> : null}
          <Typography.Paragraph>{finding.title}</Typography.Paragraph>
          {mode === 'rectify'
            ? <Input type="date" aria-label={t('mech.inspection.rectify.due')} value={value} onChange={(e) => setValue(e.target.value)} />
            : <Input.TextArea aria-label={t('mech.inspection.notApplicable.reason')} placeholder={t('mech.inspection.notApplicable.reason')} rows={3} maxLength={2000} value={value} onChange={(e) => setValue(e.target.value)} />}
        </Modal>
      ) : null}
    </Flex>
  );
}

function FindingsTable({ inspection }: { inspection: Inspection }) {
  const { t, formatDate } = useI18n();
  const columns = [
    {
      key: 'title',
      title: t('mech.inspection.finding.title'),
      render: (f: Finding) => (
        <Flex vertical>
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>{f.title}</Typography.Text>
          {f.description ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.description}</Typography.Text> : null}
          {f.naReason ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mech.inspection.notApplicable.reason')}：{f.naReason}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'unit', title: t('mech.inspection.finding.unit'), render: (f: Finding) => f.unitName },
    { key: 'severity', title: t('mech.inspection.finding.severity'), render: (f: Finding) => <Flex gap={4} wrap><Tag color={SEVERITY_COLOUR[f.severity]}>{t(`mech.severity.${f.severity}`)}</Tag>{f.source === 'recommendation' ? <Tag>{t('mech.source.recommendation')}</Tag> : null}</Flex> },
    { key: 'standing', title: t('mech.inspection.state'), render: (f: Finding) => <Tag color={STANDING_COLOUR[f.standing]}>{t(`mech.standing.${f.standing}`)}</Tag> },
    {
      key: 'task',
      title: t('mech.inspection.task'),
      render: (f: Finding) => (f.taskId ? (
        <Flex gap={6} wrap align="center">
          <Link to={`/tasks/${encodeURIComponent(f.taskId)}`}>{t('mech.inspection.task')}</Link>
          {f.taskState ? <StateTag state={f.taskState as TaskState} /> : null}
          {f.taskDueDate ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('loop.dueOn', { date: formatDate(f.taskDueDate) })}</Typography.Text> : null}
        </Flex>
      ) : <SettleButtons finding={f} />),
    },
  ];
  return <Table<Finding> rowKey="id" size="small" dataSource={inspection.findingList} columns={columns} pagination={false} scroll={{ x: true }} locale={{ emptyText: t('mech.inspection.none') }} />;
}

interface PlanValues { topic: string; description?: string; startDate?: string; endDate?: string; targetUnitIds: string[] }

/** The plan's own fields and the units inspected, changed by the programme's supervisor until the inspection closes. */
function EditPlanButton({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const update = useUpdateInspection();
  const options = useUnitOptions();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<PlanValues>();
  return (
    <>
      <Button onClick={() => { setError(null); setOpen(true); }}>{t('common.edit')}</Button>
      {open ? (
        <Modal open title={t('common.edit')} confirmLoading={update.isPending} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
          <Form<PlanValues> name="inspectionPlan"
            form={form}
            layout="vertical"
            initialValues={{ topic: inspection.topic, description: inspection.description ?? undefined, startDate: inspection.startDate ?? undefined, endDate: inspection.endDate ?? undefined, targetUnitIds: inspection.targetUnits.map((u) => u.unitId) }}
            onFinish={(v) => update.mutate(
              { id: inspection.id, version: inspection.version, topic: v.topic.trim(), description: v.description?.trim() || null, startDate: v.startDate || null, endDate: v.endDate || null, targetUnitIds: v.targetUnitIds },
              { onSuccess: () => setOpen(false), onError: setError },
            )}
          >
            <Form.Item name="topic" label={t('mech.inspection.topic')} rules={[{ required: true, whitespace: true, message: t('mech.inspection.topic') }]}><Input maxLength={300} /></Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="startDate" label={t('mech.inspection.dates')}><Input type="date" /></Form.Item>
              <Form.Item name="endDate" label=" "><Input type="date" /></Form.Item>
            </Flex>
            <Form.Item name="targetUnitIds" label={t('mech.inspection.targets')}><Select mode="multiple" optionFilterProp="label" options={options} /></Form.Item>
            <Form.Item name="description" label={t('mech.inspection.finding.description')}><Input.TextArea rows={3} maxLength={10000} /></Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}

function EvidenceUpload({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadInspectionEvidence();
  const [kind, setKind] = useState<'photo' | 'note' | 'report'>('photo');
  return (
    <Flex gap={8} wrap>
      <Select value={kind} onChange={setKind} style={{ minWidth: 120 }} options={(['photo', 'note', 'report'] as const).map((k) => ({ value: k, label: t(`mech.inspection.evidence.${k}`) }))} />
      <Upload multiple showUploadList={false} beforeUpload={(file, all) => {
        if (file === all[0]) upload.mutate({ id: inspection.id, kind, files: all }, { onError: (e) => void message.error(errorText(e)) });
        return false;
      }}>
        <Button loading={upload.isPending}>{t('mech.inspection.evidence.add')}</Button>
      </Upload>
    </Flex>
  );
}

export default function InspectionPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inspection = useInspection(id);
  const move = useMoveInspection();
  if (inspection.isError) return <><PageHeader title={t('nav.inspections')} /><ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} /></>;
  if (inspection.isPending) return <><PageHeader title={t('nav.inspections')} /><Card><Skeleton active /></Card></>;
  const i = inspection.data;
  const teams = [...new Set(i.members.map((m) => m.team))];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ key: 'list', title: <Link to="/inspections">{t('nav.inspections')}</Link> }, { key: i.id, title: i.topic }]} />
      <PageHeader
        title={i.topic}
        subtitle={
          <Flex gap={8} wrap component="span">
            <Tag>{t(`mech.kind.${i.kind}`)}</Tag>
            <Tag color={STATE_COLOUR[i.state]}>{t(`mech.state.${i.state}`)}</Tag>
            <span>{i.programmeTitle}</span>
            <Tag color={i.openFindings > 0 ? 'orange' : 'green'}>{t('mech.inspection.findings', { count: i.findings, open: i.openFindings })}</Tag>
          </Flex>
        }
        extra={[
          ...(i.abilities.manage && i.state !== 'closed' ? [<EditPlanButton key="edit" inspection={i} />] : []),
          ...ACTIONS.filter((a) => i.abilities.actions[a]).map((a) => (
            <Button key={a} type={a === 'close' ? 'primary' : 'default'} loading={move.isPending}
              onClick={() => move.mutate({ id: i.id, action: a, version: i.version }, { onError: (e) => void message.error(errorText(e)) })}>
              {t(`mech.inspection.action.${a}`)}
            </Button>
          )),
        ]}
      />
      {i.abilities.manage && i.state === 'reporting' && i.openFindings > 0 ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('error.inspection_open_findings')} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('mech.inspection.findingList')}>
              <FindingsTable inspection={i} />
              {i.abilities.record ? <div style={{ marginTop: 16 }}><FindingForm inspection={i} /></div> : null}
            </Card>
            <Card size="small" title={t('mech.inspection.visits')}>
              <List size="small" dataSource={i.visits} locale={{ emptyText: t('mech.inspection.none') }} renderItem={(v) => (
                <List.Item><Flex vertical><Typography.Text strong>{formatDate(v.visitedOn)}{v.unitName ? ` · ${v.unitName}` : ''}</Typography.Text><Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</Typography.Text></Flex></List.Item>
              )} />
              {i.abilities.record ? <div style={{ marginTop: 12 }}><VisitForm inspection={i} /></div> : null}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('mech.inspection.teams')} extra={i.abilities.manage && i.state !== 'closed' ? <EditTeamsButton inspection={i} /> : null}>
              <Descriptions size="small" column={1} items={[
                ...teams.map((team) => ({ key: team, label: team, children: i.members.filter((m) => m.team === team).map((m) => (m.leader ? `${m.displayName}（${t('mech.inspection.leader')}）` : m.displayName)).join('、') })),
                { key: 'targets', label: t('mech.inspection.targets'), children: i.targetUnits.map((u) => u.name).join('、') || '—' },
                { key: 'dates', label: t('mech.inspection.dates'), children: [i.startDate, i.endDate].filter(Boolean).map((d) => formatDate(d)).join(' – ') || '—' },
              ]} />
              {i.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{i.description}</Typography.Paragraph> : null}
            </Card>
            <Card size="small" title={t('mech.inspection.evidence')}>
              <List size="small" dataSource={i.evidence} locale={{ emptyText: t('mech.inspection.none') }} renderItem={(e) => (
                <List.Item><a href={inspectionEvidenceUrl(e.id)} style={{ overflowWrap: 'anywhere' }}>{e.filename}</a><Tag>{t(`mech.inspection.evidence.${e.kind}`)}</Tag></List.Item>
              )} />
              {i.abilities.record ? <EvidenceUpload inspection={i} /> : null}
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
