/**
 * 修正建议: Simplified characters left behind by a machine conversion to Traditional (干部 → 幹部, 于 → 於), as a
 * reviewable diff. The stored document is never changed (originals are kept byte for byte): the reviewer ticks the
 * corrections to accept and copies or downloads the corrected text, or exports the list.
 */
import { CheckOutlined, CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Segmented, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useAcceptRepairs, useRepairs, type Repair } from '../../api/documents.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import type { DocumentDetail } from '../../api/types.ts';
import { copyText } from '../../components/copy.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.ts';

const CONTEXT = 12;
type Filter = 'all' | 'high' | 'low';

const keyOf = (r: Repair) => `${r.span[0]}-${r.span[1]}`;

/** Applies the accepted repairs from the end backwards, so earlier offsets stay valid; a stale one is skipped. */
export function applyRepairs(text: string, accepted: readonly Repair[]): string {
  let out = text;
  let limit = Infinity;
  for (const r of [...accepted].sort((a, b) => b.span[0] - a.span[0])) {
    const [s, e] = r.span;
    if (e > limit || s < 0 || e > out.length || out.slice(s, e) !== r.from) continue;
    out = out.slice(0, s) + r.to + out.slice(e);
    limit = s;
  }
  return out;
}

/** One CSV cell, quoted when it holds a comma, a quote or a line break. */
function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function download(name: string, content: string, type: string): void {
  // A BOM so that spreadsheet programs read the CSV as UTF-8.
  const blob = new Blob([type === 'text/csv' ? '\uFEFF' : '', content], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function baseName(doc: DocumentDetail): string {
  return (doc.filename?.replace(/\.[^.]+$/, '') || doc.title).slice(0, 60);
}

export function RepairsTab({ doc }: { doc: DocumentDetail }) {
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const repairs = useRepairs(doc.id);
  const save = useAcceptRepairs(doc.id);
  const errorText = useErrorText();
  const { can } = useAuth();
  const [filter, setFilter] = useState<Filter>('all');
  // Until the reviewer ticks something, the ticks are what was accepted before.
  const [ticked, setAccepted] = useState<ReadonlySet<string> | null>(null);
  const saved = useMemo(() => new Set((repairs.data?.items ?? []).filter((r) => r.accepted).map(keyOf)), [repairs.data]);
  const accepted = ticked ?? saved;
  const lang = doc.script === 'hant' ? 'zh-Hant' : 'zh-Hans';
  const items = useMemo(() => repairs.data?.items ?? [], [repairs.data]);
  const shown = filter === 'all' ? items : items.filter((r) => r.confidence === filter);
  const chosen = items.filter((r) => accepted.has(keyOf(r)));
  const highCount = items.filter((r) => r.confidence === 'high').length;

  if (repairs.isError) return <ErrorAlert error={repairs.error} onRetry={() => void repairs.refetch()} />;
  if (repairs.isPending) return <Card><Skeleton active /></Card>;

  const context = (r: Repair) => ({
    before: doc.text.slice(Math.max(0, r.span[0] - CONTEXT), r.span[0]).replace(/\s+/g, ' '),
    after: doc.text.slice(r.span[1], r.span[1] + CONTEXT).replace(/\s+/g, ' '),
  });

  const columns: TableColumnsType<Repair> = [
    {
      title: t('intake.repairs.context'),
      key: 'context',
      render: (_, r) => {
        const c = context(r);
        return (
          <span lang={lang} style={{ fontSize: 15 }}>
            <Typography.Text type="secondary">…{c.before}</Typography.Text>
            <del style={{ background: '#fff1f0', color: '#a8071a' }}>{r.from}</del>
            <ins style={{ background: '#f6ffed', color: '#135200', textDecoration: 'none', fontWeight: 600 }}>{r.to}</ins>
            <Typography.Text type="secondary">{c.after}…</Typography.Text>
          </span>
        );
      },
    },
    {
      title: t('intake.repairs.change'),
      key: 'change',
      width: 110,
      render: (_, r) => <span lang={lang} style={{ fontSize: 16 }}>{r.from} → <strong>{r.to}</strong></span>,
    },
    {
      title: t('intake.repairs.confidence'),
      dataIndex: 'confidence',
      width: 110,
      render: (c: Repair['confidence']) => c === 'high'
        ? <Tag color="green">{t('intake.repairs.high')}</Tag>
        : <Tag color="orange">{t('intake.repairs.low')}</Tag>,
    },
    {
      title: t('intake.repairs.reason'),
      key: 'reason',
      responsive: ['md'],
      render: (_, r) => (
        <Tooltip title={r.reason}>
          <Typography.Text type="secondary">{r.confidence === 'high' ? t('intake.repairs.reasonHigh') : t('intake.repairs.reasonLow')}</Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('intake.repairs.offset'), key: 'offset', width: 90, responsive: ['lg'], render: (_, r) => formatNumber(r.span[0]) },
  ];

  const copyCorrected = async () => {
    if (await copyText(applyRepairs(doc.text, chosen))) void message.success(t('intake.repairs.copied', { count: formatNumber(chosen.length) }));
    else void message.error(t('common.copyFailed'));
  };

  const exportList = () => {
    const header = ['offset', 'from', 'to', 'confidence', 'accepted', 'context', 'reason'];
    const rows = items.map((r) => {
      const c = context(r);
      return [r.span[0], r.from, r.to, r.confidence, accepted.has(keyOf(r)) ? 'yes' : 'no', `${c.before}[${r.from}→${r.to}]${c.after}`, r.reason];
    });
    download(`${baseName(doc)}-repairs.csv`, [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n'), 'text/csv');
  };

  if (items.length === 0) {
    return (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={doc.script === 'hans' ? t('intake.repairs.noneHans') : t('intake.repairs.none')} />
      </Card>
    );
  }

  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('intake.repairs.intro')} description={t('intake.repairs.neverApplied')} />
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('intake.repairs.filterAll', { count: formatNumber(items.length) }) },
              { value: 'high', label: t('intake.repairs.filterHigh', { count: formatNumber(highCount) }) },
              { value: 'low', label: t('intake.repairs.filterLow', { count: formatNumber(items.length - highCount) }) },
            ]}
          />
          <Button onClick={() => setAccepted(new Set(items.filter((r) => r.confidence === 'high').map(keyOf)))}>{t('intake.repairs.acceptHigh')}</Button>
          <Button onClick={() => setAccepted(new Set())} disabled={accepted.size === 0}>{t('intake.repairs.clear')}</Button>
        </Flex>
        <Flex gap={8} wrap>
          {can('document.import') ? (
            <Button
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              loading={save.isPending}
              onClick={() => save.mutate(chosen.map((r) => r.span[0]), {
                onSuccess: () => void message.success(t('programme.repairs.saved', { count: formatNumber(chosen.length) })),
                onError: (err) => void message.error(errorText(err)),
              })}
            >
              {t('programme.repairs.save')}
            </Button>
          ) : null}
          <Button icon={<CopyOutlined aria-hidden />} disabled={chosen.length === 0} onClick={() => void copyCorrected()}>{t('intake.repairs.copy')}</Button>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            disabled={chosen.length === 0}
            onClick={() => download(`${baseName(doc)}-corrected.txt`, applyRepairs(doc.text, chosen), 'text/plain')}
          >
            {t('intake.repairs.downloadText')}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportList}>{t('intake.repairs.exportList')}</Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('intake.repairs.accepted', { count: formatNumber(chosen.length), total: formatNumber(items.length) })}</Typography.Text>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Repair>
          rowKey={keyOf}
          size="small"
          columns={columns}
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          rowSelection={{
            selectedRowKeys: [...accepted],
            preserveSelectedRowKeys: true,
            onChange: (keys) => setAccepted(new Set(keys.map(String))),
          }}
        />
      </Card>
    </Flex>
  );
}
