/**
 * 考核评价: pick a period, read the ranking of units — each score expands into its components and the tasks behind
 * them — rate a unit, freeze a finished period; and the versioned scoring rules.
 */
import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, InputNumber, List, Modal, Rate, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useEvaluation, useEvaluationPeriods, useFreezePeriod, useRateUnit, type EvaluationResponse } from '../../api/measure.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { RulesEditor } from './RulesEditor.tsx';

type UnitRow = EvaluationResponse['units'][number];
type ComponentRow = UnitRow['components'][number];

function Components({ unit }: { unit: UnitRow }) {
  const { t, tDynamic, formatNumber } = useI18n();
  return (
    <Table<ComponentRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={unit.components}
      aria-label={t('measure.eval.components')}
      expandable={{
        rowExpandable: (c) => c.cases.length > 0 || c.hiddenCases > 0,
        expandedRowRender: (c) => (
          <Flex vertical gap={4}>
            <List
              size="small"
              dataSource={c.cases}
              renderItem={(x) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Space>
                    <Tag color={x.ok ? 'green' : 'red'}>{x.ok ? t('measure.eval.ok') : t('measure.eval.notOk')}</Tag>
                    <Link to={`/tasks/${encodeURIComponent(x.taskId)}`}>{x.title}</Link>
                  </Space>
                </List.Item>
              )}
            />
            {c.hiddenCases > 0 ? <Typography.Text type="secondary">{t('measure.eval.hidden', { count: c.hiddenCases })}</Typography.Text> : null}
          </Flex>
        ),
      }}
      columns={[
        { title: t('measure.eval.component'), key: 'key', render: (_, c) => tDynamic(`measure.component.${c.key}`, c.key) },
        { title: t('measure.eval.weight'), key: 'weight', render: (_, c) => (c.penalty === null ? formatNumber(c.weight) : '—') },
        {
          title: t('measure.eval.score'),
          key: 'score',
          render: (_, c) =>
            c.penalty !== null
              ? t('measure.eval.penalty', { points: formatNumber(c.penalty), days: c.numerator })
              : c.score === null
                ? <Typography.Text type="secondary">{t('measure.eval.notApplicable')}</Typography.Text>
                : formatNumber(c.score),
        },
        { title: t('measure.eval.tasks'), key: 'cases', render: (_, c) => (c.key === 'supervisorRatings' || c.penalty !== null || c.denominator === 0 ? '' : t('measure.eval.cases', { ok: c.numerator, total: c.denominator })) },
      ]}
    />
  );
}

function RateDialog({ periodKey, unit, onClose }: { periodKey: string; unit: UnitRow; onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const rate = useRateUnit();
  const [rating, setRating] = useState(3);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal open title={`${t('measure.eval.rate')} · ${unit.unitName}`} confirmLoading={rate.isPending} onCancel={onClose}
      onOk={() => rate.mutate({ periodKey, unitId: unit.unitId, rating, comment: comment.trim() || null }, { onSuccess: () => { void message.success(t('measure.eval.rated')); onClose(); }, onError: setError })}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Flex vertical gap={8}>
        <Typography.Text>{t('measure.eval.rating')}</Typography.Text>
        <Rate value={rating} onChange={(v) => setRating(v || 1)} aria-label={t('measure.eval.rating')} />
        <InputNumber min={1} max={5} value={rating} onChange={(v) => setRating(v ?? 3)} aria-label={t('measure.eval.rating')} style={{ width: 80 }} />
        <Input.TextArea placeholder={t('measure.eval.ratingComment')} aria-label={t('measure.eval.ratingComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
      </Flex>
    </Modal>
  );
}

function Ranking({ periodKey }: { periodKey: string }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const q = useEvaluation(periodKey);
  const freeze = useFreezePeriod();
  const [rating, setRating] = useState<UnitRow | null>(null);
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  const e = q.data;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap justify="space-between">
        <Space wrap>
          {e.frozen ? <Tag icon={<LockOutlined />} color="blue">{t('measure.eval.frozen')}</Tag> : e.ended ? null : <Tag>{t('measure.eval.notEnded')}</Tag>}
          <Typography.Text type="secondary">
            {e.frozen ? t('measure.eval.frozenAt', { date: formatDateTime(e.frozenAt), version: e.ruleSet.version }) : t('measure.eval.live', { version: e.ruleSet.version })}
          </Typography.Text>
        </Space>
        {e.abilities.freeze ? (
          <Button
            icon={<LockOutlined />}
            loading={freeze.isPending}
            onClick={() => modal.confirm({
              title: t('measure.eval.freeze'),
              content: t('measure.eval.freezeConfirm', { period: periodKey }),
              onOk: () => freeze.mutateAsync(periodKey).then(() => void message.success(t('measure.eval.frozenDone', { period: periodKey })), (err: unknown) => void message.error(errorText(err))),
            })}
          >
            {t('measure.eval.freeze')}
          </Button>
        ) : null}
      </Flex>
      {e.units.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measure.eval.empty')} />
      ) : (
        <Table<UnitRow>
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={e.units}
          aria-label={t('measure.eval.ranking')}
          expandable={{ expandedRowRender: (u) => <Components unit={u} /> }}
          columns={[
            { title: t('measure.eval.rank'), dataIndex: 'rank', width: 72 },
            { title: t('measure.eval.unit'), dataIndex: 'unitName' },
            { title: t('measure.eval.score'), key: 'score', render: (_, u) => <Typography.Text strong>{formatNumber(u.score)}</Typography.Text> },
            ...(e.abilities.rate ? [{ key: 'rate', render: (_: unknown, u: UnitRow) => <Button size="small" onClick={() => setRating(u)}>{t('measure.eval.rate')}</Button> }] : []),
          ]}
        />
      )}
      {rating ? <RateDialog periodKey={periodKey} unit={rating} onClose={() => setRating(null)} /> : null}
    </Flex>
  );
}

export default function EvaluationsPage() {
  const { t, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const periods = useEvaluationPeriods();
  const tab = params.get('tab') === 'rules' ? 'rules' : 'ranking';
  const items = periods.data?.items ?? [];
  // The latest ended period by default: the one a supervisor is asked about.
  const chosen = params.get('period') ?? items.find((p) => p.ended)?.periodKey ?? items[0]?.periodKey ?? null;
  const set = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next }, { replace: true });
  return (
    <>
      <PageHeader title={t('nav.evaluations')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          {
            key: 'ranking',
            label: t('measure.eval.ranking'),
            children: periods.isError ? (
              <ErrorAlert error={periods.error} onRetry={() => void periods.refetch()} />
            ) : periods.isPending ? (
              <Skeleton active />
            ) : (
              <Card size="small">
                <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
                  <Typography.Text>{t('measure.eval.periods')}</Typography.Text>
                  <Select
                    aria-label={t('measure.eval.periods')}
                    style={{ minWidth: 260 }}
                    value={chosen}
                    onChange={(v) => set({ period: v })}
                    options={items.map((p) => ({
                      value: p.periodKey,
                      label: `${p.periodKey}（${formatDate(p.start)} – ${formatDate(p.end)}）${p.frozen ? ` · ${t('measure.eval.frozen')}` : p.ended ? '' : ` · ${t('measure.eval.notEnded')}`}`,
                    }))}
                  />
                </Flex>
                {chosen ? <Ranking key={chosen} periodKey={chosen} /> : null}
              </Card>
            ),
          },
          { key: 'rules', label: t('measure.eval.rules'), children: <RulesEditor /> },
        ]}
      />
    </>
  );
}
