/** 任务台账: every task the reader may see, filtered and sorted through the URL, in a virtual list; per programme its counts. */
import { Card, Flex, Select, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useAuth, useCurrentUser } from '../../app/auth.tsx';
import { BriefingButton } from '../../components/exports/BriefingDialog.tsx';
import { ExportMenu } from '../../components/exports/ExportMenu.tsx';
import { ImportButton } from '../../components/exports/ImportDialog.tsx';
import { BulkBar } from './BulkBar.tsx';
import { useProgramme, useProgrammes } from '../../api/programmes.ts';
import { HEALTH_COLOURS, TASK_STATES, useLedger, type HealthColour, type LedgerFilter, type TaskState } from '../../api/tasks.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Dot } from '../../components/loop/HealthDot.tsx';
import { useHealthLabel, useStateLabel } from '../../components/loop/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';
import { LedgerFilters } from './LedgerFilters.tsx';
import { LedgerList } from './LedgerList.tsx';
import { useLedgerParams } from './useLedgerParams.ts';

/** The programme's counts by health and state; a click filters the ledger by that value. */
function ProgrammeSummary({ id, filter, onChange }: { id: string; filter: LedgerFilter; onChange(patch: Partial<LedgerFilter>): void }) {
  const { t, formatNumber } = useI18n();
  const programme = useProgramme(id);
  const healthLabel = useHealthLabel();
  const stateLabel = useStateLabel();
  const { user } = useCurrentUser();
  if (programme.isError) return <ErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />;
  if (programme.isPending) return <Card size="small"><Skeleton active paragraph={{ rows: 1 }} /></Card>;
  const { stats } = programme.data;
  const toggle = <T extends string>(list: T[] | undefined, value: T) => (list?.length === 1 && list[0] === value ? undefined : [value]);
  const healthShown = HEALTH_COLOURS.filter((c) => stats.byHealth[c]);
  const statesShown = TASK_STATES.filter((s) => stats.byState[s]);
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" justify="space-between" wrap>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{programme.data.title}</Typography.Text>
          <ProgrammeDocuments programmeId={id} supervises={user.roles.includes('supervisor') && programme.data.supervisorIds.includes(user.id)} reads={user.roles.includes('leader') || user.roles.includes('admin')} />
        </Flex>
        <Flex gap={6} wrap align="center" role="group" aria-label={t('loop.ledger.byHealth')}>
          <Typography.Text type="secondary">{t('loop.ledger.byHealth')}</Typography.Text>
          {healthShown.map((c: HealthColour) => (
            <Tag.CheckableTag key={c} checked={filter.health?.length === 1 && filter.health[0] === c} onChange={() => onChange({ health: toggle(filter.health, c) })}>
              <Flex align="center" gap={6}><Dot colour={c} size={10} />{healthLabel(c)} {formatNumber(stats.byHealth[c])}</Flex>
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Flex gap={6} wrap align="center" role="group" aria-label={t('loop.ledger.byState')}>
          <Typography.Text type="secondary">{t('loop.ledger.byState')}</Typography.Text>
          {statesShown.map((s: TaskState) => (
            <Tag.CheckableTag key={s} checked={filter.state?.length === 1 && filter.state[0] === s} onChange={() => onChange({ state: toggle(filter.state, s) })}>
              {stateLabel(s)} {formatNumber(stats.byState[s])}
            </Tag.CheckableTag>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}

/** 通报 for the programme's supervisors, leaders and administrators; 导入 for its supervisors (the server decides too). */
function ProgrammeDocuments({ programmeId, supervises, reads }: { programmeId: string; supervises: boolean; reads: boolean }) {
  if (!supervises && !reads) return null;
  return (
    <Flex gap={8} wrap>
      <BriefingButton programmeId={programmeId} />
      {supervises ? <ImportButton programmeId={programmeId} /> : null}
    </Flex>
  );
}

export default function LedgerPage() {
  const { t, formatNumber } = useI18n();
  const phone = usePhone();
  const [filter, setFilter] = useLedgerParams();
  const programmes = useProgrammes();
  const ledger = useLedger(filter);
  const rows = useMemo(() => ledger.data?.pages.flatMap((p) => p.items) ?? [], [ledger.data]);
  const total = ledger.data?.pages[0]?.total ?? 0;
  const { fetchNextPage } = ledger;
  const next = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const { can } = useAuth();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selectedRows = useMemo(() => rows.filter((r) => selected.has(r.id)), [rows, selected]);
  const selection = can('task.assign') ? {
    selected,
    toggle: (id: string, on: boolean) => setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    }),
    toggleAll: (on: boolean) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set()),
  } : undefined;

  const programmeSelect = (
    <Select
      aria-label={t('loop.ledger.programme')}
      value={filter.programmeId ?? ''}
      onChange={(v: string) => setFilter({ programmeId: v || undefined, areaId: undefined })}
      options={[{ value: '', label: t('loop.ledger.allProgrammes') }, ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))]}
      loading={programmes.isPending}
      style={{ width: phone ? '100%' : 360 }}
      popupMatchSelectWidth={false}
    />
  );

  return (
    <>
      <PageHeader
        title={t('nav.ledger')}
        subtitle={ledger.data ? t('loop.ledger.count', { count: formatNumber(total) }) : undefined}
        extra={
          <>
            {phone ? null : programmeSelect}
            {can('ledger.export') ? <ExportMenu filter={filter} selectedIds={[...selected]} /> : null}
          </>
        }
      />
      {phone ? <div style={{ marginBottom: 12 }}>{programmeSelect}</div> : null}
      {filter.programmeId ? <ProgrammeSummary id={filter.programmeId} filter={filter} onChange={setFilter} /> : null}
      <LedgerFilters key={filter.programmeId ?? ''} filter={filter} onChange={setFilter} />
      {ledger.isError ? (
        <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : ledger.isPending ? (
        <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>
      ) : (
        <>
          {selectedRows.length ? <BulkBar selected={selectedRows} onClear={() => setSelected(new Set())} /> : null}
          <LedgerList selection={selection} rows={rows} total={total} hasNextPage={ledger.hasNextPage} fetchingNext={ledger.isFetchingNextPage} fetchNextPage={next} loading={ledger.isFetching && rows.length === 0} />
        </>
      )}
    </>
  );
}
