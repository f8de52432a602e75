/** 对标对表: every indicator the reader may see, judged against the time line; supervisors create them. */
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Modal, Select, Skeleton, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCreateIndicator, useIndicators, useIndicatorsFromTargets, type Indicator } from '../../api/measure.ts';
import { useProgrammes } from '../../api/programmes.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { IndicatorPlanFields, planOf, type IndicatorPlanValues } from './IndicatorPlanFields.tsx';
import { IndicatorStatusTag, useFigure } from './StatusTag.tsx';

interface Values extends IndicatorPlanValues {
  programmeId: string;
  period: 'month' | 'quarter' | 'year';
}

function CreateIndicatorModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const programmes = useProgrammes();
  const create = useCreateIndicator();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal open title={t('measure.indicator.create')} okText={t('common.create')} confirmLoading={create.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        name="newIndicator"
        form={form}
        layout="vertical"
        initialValues={{ direction: 'at_least', period: 'quarter', baseline: 0, span: [dayjs().startOf('year'), dayjs().endOf('year')] }}
        onFinish={(v) => {
          setError(null);
          create.mutate(
            { programmeId: v.programmeId, period: v.period, ...planOf(v) },
            {
              onSuccess: (d) => {
                void message.success(t('measure.indicator.created', { name: d.indicator.name }));
                onClose();
                navigate(`/indicators/${encodeURIComponent(d.indicator.id)}`);
              },
              onError: setError,
            },
          );
        }}
      >
        <Form.Item name="programmeId" label={t('measure.indicator.programme')} rules={[{ required: true, message: t('measure.indicator.required') }]}>
          <Select options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <IndicatorPlanFields withPeriod />
      </Form>
    </Modal>
  );
}

function FromTargetsModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const programmes = useProgrammes();
  const run = useIndicatorsFromTargets();
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [period, setPeriod] = useState<'month' | 'quarter' | 'year'>('year');
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('measure.indicator.fromTargets')}
      okButtonProps={{ disabled: !programmeId }}
      confirmLoading={run.isPending}
      onCancel={onClose}
      onOk={() => programmeId && run.mutate({ programmeId, period }, {
        onSuccess: (r) => {
          void message.success(t('measure.indicator.fromTargetsDone', { created: r.created.length, skipped: r.skipped.length }));
          onClose();
        },
        onError: setError,
      })}
    >
      <Typography.Paragraph type="secondary">{t('measure.indicator.fromTargetsHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Select
        aria-label={t('measure.indicator.programme')}
        style={{ width: '100%' }}
        value={programmeId}
        onChange={setProgrammeId}
        options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
      />
      <Select
        aria-label={t('measure.indicator.period')}
        style={{ width: 160, marginTop: 12 }}
        value={period}
        onChange={setPeriod}
        options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`measure.period.${p}`) }))}
      />
    </Modal>
  );
}

/** The table of indicators, shared by this page and the task page. */
export function IndicatorTable({ items, compact = false }: { items: Indicator[]; compact?: boolean }) {
  const { t, formatDate } = useI18n();
  const figure = useFigure();
  return (
    <Table<Indicator>
      size="small"
      rowKey="id"
      pagination={compact ? false : { pageSize: 50, hideOnSinglePage: true }}
      dataSource={items}
      scroll={{ x: true }}
      columns={[
        {
          title: t('measure.indicator.name'),
          key: 'name',
          render: (_, i) => (
            <Flex vertical>
              <Link to={`/indicators/${encodeURIComponent(i.id)}`}>{i.name}</Link>
              {!compact && i.taskTitle ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('measure.indicator.ofTask', { title: i.taskTitle })}</Typography.Text> : null}
            </Flex>
          ),
        },
        { title: t('measure.indicator.status'), key: 'status', render: (_, i) => <IndicatorStatusTag status={i.status} /> },
        { title: t('measure.indicator.latest'), key: 'latest', render: (_, i) => (i.latest ? `${figure(i.latest.value, i.unit)}（${i.latest.periodKey}）` : t('measure.indicator.none')) },
        { title: t('measure.indicator.expected'), key: 'expected', render: (_, i) => (i.latest ? `${figure(i.expected, i.unit)} · ${t('measure.indicator.asOf', { date: formatDate(i.asOf) })}` : '—') },
        { title: t('measure.indicator.target'), key: 'target', render: (_, i) => `${t(`measure.direction.${i.direction}`)} ${figure(i.target, i.unit)}` },
        ...(compact ? [] : [{ title: t('measure.indicator.responsibleUnit'), key: 'unit', render: (_: unknown, i: Indicator) => i.responsibleUnitName }]),
      ]}
    />
  );
}

export default function IndicatorsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  // From the address bar, unchecked: the server answers an unknown status with 400, as it always did.
  const status = (params.get('status') ?? undefined) as Indicator['status'] | undefined;
  const list = useIndicators(status ? { status } : {});
  const [dialog, setDialog] = useState<'create' | 'targets' | null>(null);
  const canCreate = list.data?.canCreate ?? false;
  return (
    <>
      <PageHeader
        title={t('nav.indicators')}
        extra={canCreate ? (
          <>
            <Button icon={<ThunderboltOutlined />} onClick={() => setDialog('targets')}>{t('measure.indicator.fromTargets')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>{t('measure.indicator.create')}</Button>
          </>
        ) : null}
      />
      <Card size="small">
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('measure.filter.status')}
            style={{ width: 200 }}
            value={status ?? ''}
            onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
            options={[{ value: '', label: t('measure.filter.all') }, ...(['red', 'yellow', 'on_track', 'no_data'] as const).map((s) => ({ value: s, label: t(`measure.status.${s}`) }))]}
          />
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Skeleton active />
        ) : list.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measure.indicator.empty')} />
        ) : (
          <IndicatorTable items={list.data.items} />
        )}
      </Card>
      {dialog === 'create' ? <CreateIndicatorModal onClose={() => setDialog(null)} /> : null}
      {dialog === 'targets' ? <FromTargetsModal onClose={() => setDialog(null)} /> : null}
    </>
  );
}
