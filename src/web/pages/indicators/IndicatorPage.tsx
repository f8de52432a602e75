/**
 * One indicator: its standing, the chart (or the same figures as a table), the actual values with their evidence
 * and review, the form to report one, and peers' figures (对标) beside ours.
 */
import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Modal, Row, Segmented, Select, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAcceptActual, useAddPeer, useDeletePeer, useIndicator, useReportActual, useReturnActual, useUploadActualEvidence, type ActualResponse, type IndicatorDetailResponse } from '../../api/measure.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { EditIndicatorModal } from './EditIndicatorModal.tsx';
import { IndicatorStatusTag, useFigure } from './StatusTag.tsx';

const IndicatorChart = lazy(() => import('./IndicatorChart.tsx'));

function SeriesView({ detail }: { detail: IndicatorDetailResponse }) {
  const { t, formatDate } = useI18n();
  const figure = useFigure();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const unit = detail.indicator.unit;
  return (
    <Card
      size="small"
      title={t('measure.chart.heading')}
      extra={<Segmented size="small" value={view} onChange={(v) => setView(v as 'chart' | 'table')} options={[{ value: 'chart', label: t('measure.chart.chart') }, { value: 'table', label: t('measure.chart.table') }]} />}
    >
      {view === 'chart' ? (
        <Suspense fallback={<Skeleton active />}><IndicatorChart detail={detail} /></Suspense>
      ) : (
        <Table
          size="small"
          rowKey="periodKey"
          pagination={false}
          dataSource={detail.series}
          columns={[
            { title: t('measure.table.period'), dataIndex: 'periodKey' },
            { title: t('measure.table.periodEnd'), key: 'end', render: (_, p) => formatDate(p.periodEnd) },
            { title: t('measure.chart.actual'), key: 'actual', render: (_, p) => (p.actual === null ? '—' : <Space>{figure(p.actual, unit)}{p.actualState !== 'accepted' ? <Tag>{t(`measure.actual.state.${p.actualState ?? 'submitted'}`)}</Tag> : null}</Space>) },
            { title: t('measure.chart.expected'), key: 'expected', render: (_, p) => figure(p.expected, unit) },
            { title: t('measure.chart.target'), key: 'target', render: (_, p) => figure(p.target, unit) },
          ]}
        />
      )}
    </Card>
  );
}

function ReportActualForm({ detail }: { detail: IndicatorDetailResponse }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const report = useReportActual(detail.indicator.id);
  const [form] = Form.useForm<{ periodKey: string; value: number; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  if (detail.openPeriods.length === 0) return <Typography.Text type="secondary">{t('measure.actual.noOpenPeriod')}</Typography.Text>;
  return (
    <Form
      name="actual"
      form={form}
      layout="inline"
      initialValues={{ periodKey: detail.openPeriods[detail.openPeriods.length - 1] }}
      onFinish={(v) => {
        setError(null);
        report.mutate({ periodKey: v.periodKey, value: v.value, note: v.note?.trim() || null }, {
          onSuccess: () => {
            void message.success(t('measure.actual.reported', { period: v.periodKey }));
            form.resetFields(['value', 'note']);
          },
          onError: setError,
        });
      }}
      style={{ rowGap: 8 }}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ width: '100%', marginBottom: 8 }} /> : null}
      <Form.Item name="periodKey" label={t('measure.actual.period')}>
        <Select style={{ width: 120 }} options={detail.openPeriods.map((p) => ({ value: p, label: p }))} />
      </Form.Item>
      <Form.Item name="value" label={t('measure.actual.value')} rules={[{ required: true, message: t('measure.indicator.required') }]}>
        <InputNumber style={{ width: 140 }} addonAfter={detail.indicator.unit || undefined} />
      </Form.Item>
      <Form.Item name="note" label={t('measure.actual.note')}>
        <Input maxLength={2000} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item><Button type="primary" htmlType="submit" loading={report.isPending}>{t('measure.actual.report')}</Button></Form.Item>
    </Form>
  );
}

function ReturnDialog({ actual, onClose }: { actual: ActualResponse; onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const ret = useReturnActual();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal open title={t('measure.actual.return')} okButtonProps={{ disabled: !reason.trim(), danger: true }} confirmLoading={ret.isPending} onCancel={onClose}
      onOk={() => ret.mutate({ id: actual.id, version: actual.version, reason: reason.trim() }, { onSuccess: onClose, onError: setError })}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Input.TextArea aria-label={t('measure.actual.returnReason')} placeholder={t('measure.actual.returnReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoSize={{ minRows: 3 }} />
    </Modal>
  );
}

function Actuals({ detail }: { detail: IndicatorDetailResponse }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const figure = useFigure();
  const accept = useAcceptActual();
  const upload = useUploadActualEvidence();
  const [returning, setReturning] = useState<ActualResponse | null>(null);
  const stateColour: Record<string, string> = { submitted: 'processing', accepted: 'success', returned: 'warning' };
  const actuals = [...detail.actuals].reverse();
  return (
    <Card size="small" title={t('measure.actual.heading')}>
      {detail.indicator.abilities.report ? <div style={{ marginBottom: 12 }}><ReportActualForm detail={detail} /></div> : null}
      {actuals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measure.actual.empty')} />
      ) : (
        <List
          dataSource={actuals}
          renderItem={(a) => (
            <List.Item
              data-testid={`actual-${a.periodKey}`}
              actions={[
                ...(a.abilities.accept ? [<Button key="accept" type="primary" size="small" loading={accept.isPending} onClick={() => accept.mutate({ id: a.id, version: a.version }, { onSuccess: () => void message.success(t('measure.actual.accepted')), onError: (e) => void message.error(errorText(e)) })}>{t('measure.actual.accept')}</Button>] : []),
                ...(a.abilities.return ? [<Button key="return" size="small" danger onClick={() => setReturning(a)}>{t('measure.actual.return')}</Button>] : []),
                ...(a.abilities.addEvidence ? [
                  <Upload key="upload" multiple showUploadList={false} beforeUpload={(file, files) => {
                    if (file === files[0]) upload.mutate({ actualId: a.id, files }, { onError: (e) => void message.error(errorText(e)) });
                    return false;
                  }}>
                    <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{t('measure.actual.addEvidence')}</Button>
                  </Upload>,
                ] : []),
              ]}
            >
              <Flex vertical gap={2}>
                <Space wrap>
                  <Typography.Text strong>{a.periodKey}</Typography.Text>
                  <span>{figure(a.value, detail.indicator.unit)}</span>
                  <Tag color={stateColour[a.state]}>{t(`measure.actual.state.${a.state}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('measure.actual.revision', { n: a.revision })} · {formatDateTime(a.submittedAt)}</Typography.Text>
                </Space>
                {a.note ? <Typography.Text>{a.note}</Typography.Text> : null}
                {a.returnReason && a.state === 'returned' ? <Typography.Text type="warning">{t('measure.actual.returnedBecause', { reason: a.returnReason })}</Typography.Text> : null}
                {a.evidence.length ? (
                  <Space wrap size={4}>
                    {a.evidence.map((e) => <a key={e.id} href={e.downloadUrl} download>{e.filename}</a>)}
                  </Space>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {returning ? <ReturnDialog actual={returning} onClose={() => setReturning(null)} /> : null}
    </Card>
  );
}

function Peers({ detail }: { detail: IndicatorDetailResponse }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const figure = useFigure();
  const add = useAddPeer(detail.indicator.id);
  const remove = useDeletePeer();
  const [form] = Form.useForm<{ name: string; value: number; periodKey: string; source: string }>();
  const ind = detail.indicator;
  const rows = [
    ...(ind.latest ? [{ id: 'ours', name: t('measure.peer.ours'), value: ind.latest.value, periodKey: ind.latest.periodKey, source: '', ours: true }] : []),
    ...detail.peers.map((p) => ({ ...p, ours: false })),
  ];
  return (
    <Card size="small" title={t('measure.peer.heading')}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measure.peer.empty')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('measure.peer.name'), key: 'name', render: (_, r) => (r.ours ? <Typography.Text strong>{r.name}</Typography.Text> : r.name) },
            { title: t('measure.peer.value'), key: 'value', render: (_, r) => figure(r.value, ind.unit) },
            { title: t('measure.peer.period'), dataIndex: 'periodKey' },
            { title: t('measure.peer.source'), key: 'source', render: (_, r) => (/^https?:\/\//.test(r.source) ? <a href={r.source} target="_blank" rel="noreferrer noopener">{r.source}</a> : r.source) },
            ...(ind.abilities.addPeer ? [{ key: 'x', render: (_: unknown, r: { id: string; ours: boolean }) => (r.ours ? null : <Button size="small" type="link" danger onClick={() => remove.mutate(r.id, { onError: (e) => void message.error(errorText(e)) })}>{t('measure.peer.remove')}</Button>) }] : []),
          ]}
        />
      )}
      {ind.abilities.addPeer ? (
        <Form name="peer" form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate({ name: v.name.trim(), value: v.value, periodKey: v.periodKey.trim(), source: v.source.trim() }, {
          onSuccess: () => { void message.success(t('measure.peer.added')); form.resetFields(); },
          onError: (e) => void message.error(errorText(e)),
        })}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('measure.indicator.required') }]}><Input placeholder={t('measure.peer.name')} aria-label={t('measure.peer.name')} maxLength={100} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="value" rules={[{ required: true, message: t('measure.indicator.required') }]}><InputNumber placeholder={t('measure.peer.value')} aria-label={t('measure.peer.value')} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="periodKey" rules={[{ required: true, message: t('measure.indicator.required') }]}><Input placeholder={ind.period === 'year' ? ind.endDate.slice(0, 4) : ind.period === 'quarter' ? `${ind.endDate.slice(0, 4)}-Q1` : `${ind.endDate.slice(0, 4)}-01`} aria-label={t('measure.peer.period')} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="source" rules={[{ required: true, whitespace: true, message: t('measure.indicator.required') }]}><Input placeholder={t('measure.peer.source')} aria-label={t('measure.peer.source')} maxLength={1000} style={{ width: 240 }} /></Form.Item>
          <Form.Item><Button htmlType="submit" loading={add.isPending}>{t('measure.peer.add')}</Button></Form.Item>
        </Form>
      ) : null}
    </Card>
  );
}

export default function IndicatorPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const figure = useFigure();
  const q = useIndicator(id);
  const [editing, setEditing] = useState(false);
  if (q.isError) return <><PageHeader title={t('nav.indicators')} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>;
  if (q.isPending) return <><PageHeader title={t('nav.indicators')} /><Card><Skeleton active /></Card></>;
  const d = q.data;
  const i = d.indicator;
  return (
    <>
      <PageHeader
        title={i.name}
        subtitle={<IndicatorStatusTag status={i.status} />}
        extra={i.abilities.edit ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('measure.indicator.edit')}</Button> : null}
      />
      {editing ? <EditIndicatorModal key={i.version} indicator={i} onClose={() => setEditing(false)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <SeriesView detail={d} />
            <Actuals detail={d} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions size="small" column={1} items={[
                ...(i.taskId ? [{ key: 'task', label: t('measure.indicator.task'), children: <Link to={`/tasks/${encodeURIComponent(i.taskId)}`}>{i.taskTitle}</Link> }] : []),
                { key: 'unit', label: t('measure.indicator.responsibleUnit'), children: i.responsibleUnitName },
                { key: 'target', label: t('measure.indicator.target'), children: `${t(`measure.direction.${i.direction}`)} ${figure(i.target, i.unit)}` },
                { key: 'baseline', label: t('measure.indicator.baseline'), children: figure(i.baseline, i.unit) },
                { key: 'latest', label: t('measure.indicator.latest'), children: i.latest ? `${figure(i.latest.value, i.unit)}（${i.latest.periodKey}）` : t('measure.indicator.none') },
                { key: 'expected', label: t('measure.indicator.expected'), children: `${figure(i.expected, i.unit)} · ${t('measure.indicator.asOf', { date: formatDate(i.asOf) })}` },
                { key: 'period', label: t('measure.indicator.period'), children: t(`measure.period.${i.period}`) },
                { key: 'span', label: t('measure.indicator.span'), children: `${formatDate(i.startDate)} – ${formatDate(i.endDate)}` },
              ]} />
            </Card>
            <Peers detail={d} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
