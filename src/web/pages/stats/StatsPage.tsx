/**
 * 统计: the dashboards for a programme or all the reader may see, under the ledger's filters (kept in the URL with the
 * ledger's own parameter names). Every number and chart element opens the ledger with the filter that lists exactly
 * what it counts; every chart has a table view and a text alternative; 打印 gives an A4 page.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Select, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useProgrammes } from '../../api/programmes.ts';
import { ledgerFilterOf, useStats, type LedgerQuery, type StatsBucket, type StatsListItem, type StatsResponse } from '../../api/stats.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { useHealthLabel } from '../../components/loop/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';
import { LedgerFilters } from '../ledger/LedgerFilters.tsx';
import { ledgerUrl, useLedgerParams } from '../ledger/useLedgerParams.ts';
import { ChartCard } from './ChartCard.tsx';
import { bucketBars, SEGMENTS, segmentCount, segmentQuery, treeMap, TREND_SERIES, trendLines, type Segment } from './charts.ts';
import { EChart } from './EChart.tsx';

const PRINT_CSS = `
.stats-print-only { display: none; }
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  header.ant-layout-header, aside.ant-layout-sider, .stats-no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .stats-print-only { display: block !important; }
  .stats-card { break-inside: avoid; page-break-inside: avoid; }
  .stats-grid > .ant-col { flex: 0 0 100% !important; max-width: 100% !important; }
  a { color: inherit !important; text-decoration: none !important; }
}`;

const urlOf = (q: LedgerQuery) => ledgerUrl(ledgerFilterOf(q));

function useLabels() {
  const { t } = useI18n();
  const healthLabel = useHealthLabel();
  return (s: Segment) => (s === 'closed' ? t('oversight.stats.closed') : s === 'unlit' ? healthLabel('none') : healthLabel(s));
}

/** A number that opens the ledger on what it counts (plain text when there is nothing to list). */
function Count({ value, query, label }: { value: number; query: LedgerQuery | null; label?: string }) {
  const { formatNumber } = useI18n();
  if (!query || value === 0) return <span>{formatNumber(value)}</span>;
  return <Link to={urlOf(query)} aria-label={label}>{formatNumber(value)}</Link>;
}

function Kpi({ title, value, query, sub }: { title: string; value: number; query: LedgerQuery | null; sub?: ReactNode }) {
  return (
    <Card size="small" className="stats-card" style={{ height: '100%' }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }}><Count value={value} query={query} label={`${title} ${value}`} /></div>
      {sub ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sub}</Typography.Text> : null}
    </Card>
  );
}

function BucketCard({ id, title, stats, buckets, dim }: { id: string; title: string; stats: StatsResponse; buckets: StatsBucket[]; dim: 'areaId' | 'unitId' }) {
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const label = useLabels();
  const horizontal = dim === 'unitId';
  const option = useMemo(() => bucketBars(buckets, label, horizontal), [buckets, label, horizontal]);
  const summary = buckets.length
    ? buckets.map((b) => t('oversight.stats.aria.bucket', { name: b.name, total: b.total, red: b.health.red, yellow: b.health.yellow, overdue: b.overdue, closed: b.closed })).join('；')
    : t('oversight.stats.aria.none');
  const open = (q: LedgerQuery | null) => { if (q) navigate(urlOf(q)); };
  const height = horizontal ? Math.max(220, buckets.length * 28 + 60) : 300;
  const columns = [
    { key: 'name', title: t('oversight.stats.column.name'), render: (_: unknown, b: StatsBucket) => <Link to={urlOf(segmentQuery(stats, 'all', { key: dim, id: b.id })!)}>{b.name}</Link> },
    { key: 'total', title: t('oversight.stats.total'), align: 'right' as const, render: (_: unknown, b: StatsBucket) => <Count value={b.total} query={segmentQuery(stats, 'all', { key: dim, id: b.id })} /> },
    ...SEGMENTS.map((s) => ({
      key: s,
      title: label(s),
      align: 'right' as const,
      render: (_: unknown, b: StatsBucket) => <Count value={segmentCount(b, s)} query={segmentQuery(stats, s, { key: dim, id: b.id })} label={`${b.name} ${label(s)} ${segmentCount(b, s)}`} />,
    })),
    { key: 'overdue', title: t('oversight.stats.overdue'), align: 'right' as const, render: (_: unknown, b: StatsBucket) => <Count value={b.overdue} query={segmentQuery(stats, 'overdue', { key: dim, id: b.id })} /> },
    { key: 'progress', title: t('oversight.stats.progress'), align: 'right' as const, render: (_: unknown, b: StatsBucket) => `${formatNumber(b.progress)}%` },
  ];
  return (
    <ChartCard
      id={id}
      title={title}
      chart={buckets.length ? (
        <EChart
          testId={`chart-${dim}`}
          option={option}
          height={height}
          label={`${title}：${summary}`}
          onClick={(e) => {
            const b = buckets[e.dataIndex];
            if (b && e.seriesId) open(segmentQuery(stats, e.seriesId as Segment, { key: dim, id: b.id }));
          }}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('oversight.stats.empty')} />}
      table={<Table size="small" rowKey="id" pagination={false} scroll={{ x: true }} dataSource={buckets} columns={columns} />}
    />
  );
}

function Rates({ stats }: { stats: StatsResponse }) {
  const { t, formatNumber } = useI18n();
  const r = stats.rates;
  const rows = [
    { key: 'signing', name: t('oversight.stats.signing'), hint: t('oversight.stats.signingHint', { days: r.signing.days }), rate: r.signing.rate, part: r.signing.onTime, whole: r.signing.onTime + r.signing.late + r.signing.unsignedOverdue },
    { key: 'reporting', name: t('oversight.stats.reporting'), hint: t('oversight.stats.reportingHint'), rate: r.reporting.rate, part: r.reporting.onTime, whole: r.reporting.submitted },
    { key: 'first', name: t('oversight.stats.firstAcceptance'), hint: t('oversight.stats.firstAcceptanceHint'), rate: r.firstAcceptance.rate, part: r.firstAcceptance.acceptedFirst, whole: r.firstAcceptance.accepted },
  ];
  const pct = (rate: number | null) => (rate === null ? t('oversight.stats.noRate') : `${formatNumber(Math.round(rate * 1000) / 10)}%`);
  return (
    <ChartCard
      id="stats-rates"
      title={t('oversight.stats.rates')}
      chart={
        <Flex vertical gap={12} role="list">
          {rows.map((x) => (
            <div key={x.key} role="listitem" aria-label={`${x.name}：${pct(x.rate)}（${t('oversight.stats.rateOf', { part: x.part, whole: x.whole })}）`}>
              <Flex justify="space-between" gap={8}>
                <Tooltip title={x.hint}><Typography.Text>{x.name}</Typography.Text></Tooltip>
                <Typography.Text strong>{pct(x.rate)}</Typography.Text>
              </Flex>
              <Progress percent={x.rate === null ? 0 : Math.round(x.rate * 1000) / 10} showInfo={false} strokeColor={x.rate !== null && x.rate < 0.6 ? '#e5484d' : undefined} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('oversight.stats.rateOf', { part: formatNumber(x.part), whole: formatNumber(x.whole) })} · {x.hint}</Typography.Text>
            </div>
          ))}
        </Flex>
      }
      table={
        <Table size="small" rowKey="key" pagination={false} dataSource={rows} columns={[
          { key: 'name', title: t('oversight.stats.column.name'), dataIndex: 'name' },
          { key: 'rate', title: t('oversight.stats.column.rate'), align: 'right', render: (_: unknown, x) => pct(x.rate) },
          { key: 'count', title: t('oversight.stats.column.count'), align: 'right', render: (_: unknown, x) => t('oversight.stats.rateOf', { part: formatNumber(x.part), whole: formatNumber(x.whole) }) },
        ]} />
      }
    />
  );
}

function Trend({ stats }: { stats: StatsResponse }) {
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const label = useLabels();
  const points = stats.trend.points;
  const dayLabel = (p: (typeof points)[number]) => (p.live ? t('oversight.stats.now') : formatDate(p.day));
  const option = useMemo(() => trendLines(points, dayLabel, (s) => label(s)), [points, label]); // eslint-disable-line react-hooks/exhaustive-deps
  const summary = points.map((p) => t('oversight.stats.aria.trend', { day: dayLabel(p), red: p.red, yellow: p.yellow, green: p.green, closed: p.closed })).join('；');
  return (
    <ChartCard
      id="stats-trend"
      title={t('oversight.stats.trend')}
      note={stats.trend.history ? null : <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('oversight.stats.trendNoHistory')}</Typography.Paragraph>}
      chart={
        <EChart
          testId="chart-trend"
          option={option}
          height={260}
          label={`${t('oversight.stats.trend')}：${summary}`}
          // Only "now" is in the ledger; a past week's point has no list to open.
          onClick={(e) => {
            if (!points[e.dataIndex]?.live || !e.seriesId) return;
            const q = segmentQuery(stats, e.seriesId as Segment);
            if (q) navigate(urlOf(q));
          }}
        />
      }
      table={
        <Table size="small" rowKey="day" pagination={false} scroll={{ x: true }} dataSource={points} columns={[
          { key: 'day', title: t('oversight.stats.column.day'), render: (_: unknown, p) => dayLabel(p) },
          ...TREND_SERIES.map((s) => ({ key: s, title: label(s), align: 'right' as const, render: (_: unknown, p: (typeof points)[number]) => (p.live ? <Count value={p[s]} query={segmentQuery(stats, s)} /> : p[s]) })),
        ]} />
      }
    />
  );
}

function TreeMapCard({ stats }: { stats: StatsResponse }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const option = useMemo(() => treeMap(stats.tree, t('oversight.stats.tree')), [stats.tree, t]);
  const areasOnly = !stats.tree.some((n) => n.kind === 'task') && stats.totals.total > 0;
  const top = stats.tree.filter((n) => n.kind !== 'task');
  const summary = top.map((n) => t('oversight.stats.aria.bucket', { name: n.name, total: n.value, red: n.counts.red, yellow: n.counts.yellow, overdue: '-', closed: '-' })).join('；');
  const open = (kindId: string | undefined) => {
    if (!kindId) return;
    const [kind, id] = [kindId.slice(0, kindId.indexOf(':')), kindId.slice(kindId.indexOf(':') + 1)];
    if (kind === 'task') navigate(`/tasks/${encodeURIComponent(id)}`);
    else navigate(urlOf({ ...stats.drill.all, [kind === 'area' ? 'areaId' : 'programmeId']: id }));
  };
  return (
    <ChartCard
      id="stats-tree"
      title={t('oversight.stats.tree')}
      note={areasOnly ? <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('oversight.stats.treeAreasOnly')}</Typography.Paragraph> : null}
      chart={stats.tree.length ? <EChart testId="chart-tree" option={option} height={380} label={`${t('oversight.stats.tree')}：${summary || t('oversight.stats.aria.none')}`} onClick={(e) => open(e.id)} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('oversight.stats.empty')} />}
      table={
        <Table size="small" rowKey={(n) => `${n.kind}:${n.id}`} pagination={false} scroll={{ x: true }} dataSource={top} columns={[
          { key: 'name', title: t('oversight.stats.column.name'), render: (_: unknown, n) => <a href="#" onClick={(ev) => { ev.preventDefault(); open(`${n.kind}:${n.id}`); }}>{n.name}</a> },
          { key: 'value', title: t('oversight.stats.total'), align: 'right', dataIndex: 'value' },
          { key: 'health', title: t('loop.health.red'), align: 'right', render: (_: unknown, n) => n.counts.red },
          { key: 'yellow', title: t('loop.health.yellow'), align: 'right', render: (_: unknown, n) => n.counts.yellow },
        ]} />
      }
    />
  );
}

function TaskList({ id, title, list, more, showOverdue }: { id: string; title: string; list: StatsResponse['red']; more: LedgerQuery | null; showOverdue: boolean }) {
  const { t, formatDate, locale, formatNumber } = useI18n();
  return (
    <section aria-labelledby={id} className="stats-card">
      <Card size="small" title={<span id={id}>{title} · {formatNumber(list.total)}</span>} extra={more && list.total ? <Link to={urlOf(more)} className="stats-no-print">{t('oversight.stats.openLedger')}</Link> : null}>
        <Table<StatsListItem>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={list.items}
          locale={{ emptyText: t('oversight.stats.empty') }}
          columns={[
            { key: 'title', title: t('oversight.stats.column.name'), render: (_, i) => <Flex gap={6} align="center"><HealthDot colour={i.health} /><Link to={`/tasks/${encodeURIComponent(i.id)}`}>{[i.label, i.title].filter(Boolean).join(' ')}</Link></Flex> },
            { key: 'unit', title: t('oversight.stats.column.unit'), render: (_, i) => i.leadUnitName ?? '—' },
            { key: 'due', title: t('oversight.stats.column.due'), render: (_, i) => (i.dueDate ? formatDate(i.dueDate) : '—') + (showOverdue && i.overdueDays ? `（${t('oversight.stats.overdueDays', { days: i.overdueDays })}）` : '') },
            { key: 'reason', title: t('oversight.stats.column.reason'), render: (_, i) => i.reason?.[locale] ?? '—' },
          ]}
        />
        {list.total > list.items.length && more ? <Link to={urlOf(more)}>{t('oversight.stats.more', { count: list.total - list.items.length })}</Link> : null}
      </Card>
    </section>
  );
}

export default function StatsPage() {
  const { t, formatNumber, formatDate, formatDateTime } = useI18n();
  const phone = usePhone();
  const [filter, setFilter] = useLedgerParams();
  const programmes = useProgrammes();
  const stats = useStats(filter);
  const s = stats.data;

  const programmeSelect = (
    <Select
      aria-label={t('loop.ledger.programme')}
      value={filter.programmeId ?? ''}
      onChange={(v: string) => setFilter({ programmeId: v || undefined, areaId: undefined })}
      options={[{ value: '', label: t('loop.ledger.allProgrammes') }, ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))]}
      loading={programmes.isPending}
      style={{ width: phone ? '100%' : 320 }}
      popupMatchSelectWidth={false}
    />
  );
  const programmeTitle = programmes.data?.items.find((p) => p.id === filter.programmeId)?.title ?? t('loop.ledger.allProgrammes');
  const filterWords = Object.entries(filter).filter(([k, v]) => k !== 'programmeId' && v !== undefined).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join('；');

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="stats-print-only">
        <Typography.Title level={3} style={{ marginTop: 0 }}>{programmeTitle} · {t('oversight.stats.printTitle')}</Typography.Title>
        <Typography.Paragraph>{t('oversight.stats.filters', { filters: filterWords || t('oversight.stats.noFilters') })} · {t('oversight.stats.printedAt', { at: formatDateTime(new Date()) })}</Typography.Paragraph>
      </div>
      <div className="stats-no-print">
        <PageHeader
          title={t('nav.stats')}
          subtitle={s ? t('oversight.stats.subtitle', { count: formatNumber(s.totals.total), date: formatDate(s.today) }) : undefined}
          extra={phone ? undefined : <>{programmeSelect}<Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('oversight.stats.print')}</Button></>}
        />
        {phone ? <Flex gap={8} style={{ marginBottom: 12 }}><div style={{ flex: 1, minWidth: 0 }}>{programmeSelect}</div><Button icon={<PrinterOutlined />} aria-label={t('oversight.stats.print')} onClick={() => window.print()} /></Flex> : null}
        <LedgerFilters key={filter.programmeId ?? ''} filter={filter} onChange={setFilter} hideSort />
        <Alert type="info" showIcon title={t('oversight.stats.drillHint')} style={{ marginBottom: 12 }} />
      </div>
      {stats.isError ? (
        <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !s ? (
        <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}><Kpi title={t('oversight.stats.total')} value={s.totals.total} query={s.drill.all} sub={`${t('oversight.stats.progress')} ${formatNumber(s.totals.progress)}%`} /></Col>
            <Col xs={12} md={6}><Kpi title={t('oversight.stats.closed')} value={s.totals.closed} query={s.drill.closed} sub={s.totals.total ? `${t('oversight.stats.completion')} ${formatNumber(Math.round((s.totals.closed / s.totals.total) * 1000) / 10)}%` : undefined} /></Col>
            <Col xs={12} md={6}><Kpi title={t('oversight.stats.red')} value={s.totals.health.red} query={s.drill.red} /></Col>
            <Col xs={12} md={6}><Kpi title={t('oversight.stats.overdue')} value={s.totals.overdue} query={s.drill.overdue} /></Col>
          </Row>
          <Row gutter={[16, 16]} className="stats-grid">
            <Col xs={24} xl={12}><BucketCard id="stats-area" title={t('oversight.stats.byArea')} stats={s} buckets={s.byArea} dim="areaId" /></Col>
            <Col xs={24} xl={12}><BucketCard id="stats-unit" title={t('oversight.stats.byUnit')} stats={s} buckets={s.byUnit} dim="unitId" /></Col>
            <Col xs={24} xl={12}><Rates stats={s} /></Col>
            <Col xs={24} xl={12}><Trend stats={s} /></Col>
            <Col xs={24}><TreeMapCard stats={s} /></Col>
            <Col xs={24} xl={12}><TaskList id="stats-red" title={t('oversight.stats.redList')} list={s.red} more={s.drill.red} showOverdue={false} /></Col>
            <Col xs={24} xl={12}><TaskList id="stats-overdue" title={t('oversight.stats.overdueList')} list={s.overdue} more={s.drill.overdue} showOverdue /></Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
