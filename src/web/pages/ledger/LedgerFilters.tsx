/** The ledger's filters and sort: work area, unit, health, state, tag, due dates, text search (either script). */
import { FilterOutlined, SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Flex, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { HEALTH_COLOURS, LEDGER_SORTS, TASK_KINDS, TASK_STATES, useAreas, type LedgerFilter } from '../../api/tasks.ts';
import { useUnits } from '../../api/units.ts';
import { Dot } from '../../components/loop/HealthDot.tsx';
import { useHealthLabel, useStateLabel } from '../../components/loop/labels.ts';
import { unitOptions } from '../../components/units.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';

export function LedgerFilters({ filter, onChange, hideSort }: { filter: LedgerFilter; onChange(patch: Partial<LedgerFilter>): void; hideSort?: boolean }) {
  const { t, tDynamic } = useI18n();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState(filter.q ?? '');
  const [tag, setTag] = useState(filter.tag ?? '');
  const areas = useAreas(filter.programmeId);
  const units = useUnits();
  const healthLabel = useHealthLabel();
  const stateLabel = useStateLabel();
  const width = (desktop: number) => (phone ? '100%' : desktop);

  const tags = useMemo(() => {
    const all = new Set<string>();
    for (const a of areas.data?.items ?? []) for (const x of a.tags) all.add(x);
    return [...all].sort().map((value) => ({ value }));
  }, [areas.data]);

  const advanced = (
    <>
      <Select
        allowClear
        aria-label={t('loop.ledger.area')}
        placeholder={t('loop.ledger.area')}
        value={filter.areaId}
        onChange={(v: string | undefined) => onChange({ areaId: v })}
        options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.label ? `${a.label} ${a.title}` : a.title }))}
        style={{ width: width(220) }}
        popupMatchSelectWidth={false}
      />
      <TreeSelect
        allowClear
        showSearch={{ treeNodeFilterProp: 'title' }}
        aria-label={t('loop.ledger.unit')}
        placeholder={t('loop.ledger.unit')}
        value={filter.unitId}
        onChange={(v: string | undefined) => onChange({ unitId: v })}
        treeData={unitOptions(units.data?.items ?? [], () => false)}
        treeDefaultExpandAll
        style={{ width: width(180) }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('loop.ledger.health')}
        placeholder={t('loop.ledger.health')}
        value={filter.health ?? []}
        onChange={(v) => onChange({ health: v })}
        options={HEALTH_COLOURS.map((c) => ({ value: c, label: <Flex align="center" gap={6}><Dot colour={c} size={10} />{healthLabel(c)}</Flex> }))}
        maxTagCount="responsive"
        style={{ width: width(180) }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('loop.ledger.state')}
        placeholder={t('loop.ledger.state')}
        value={filter.state ?? []}
        onChange={(v) => onChange({ state: v })}
        options={TASK_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
        maxTagCount="responsive"
        style={{ width: width(200) }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('oversight.ledger.kind')}
        placeholder={t('oversight.ledger.kind')}
        value={filter.kind ?? []}
        onChange={(v) => onChange({ kind: v })}
        options={TASK_KINDS.map((k) => ({ value: k, label: tDynamic(`oversight.kind.${k}`, k) }))}
        maxTagCount="responsive"
        style={{ width: width(160) }}
      />
      <AutoComplete
        allowClear
        aria-label={t('loop.ledger.tag')}
        placeholder={t('loop.ledger.tag')}
        value={tag}
        options={tags}
        onChange={(v: string | undefined) => setTag(v ?? '')}
        onSelect={(v: string | undefined) => onChange({ tag: v })}
        onBlur={() => onChange({ tag: tag.trim() || undefined })}
        onClear={() => onChange({ tag: undefined })}
        style={{ width: width(140) }}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        aria-label={t('loop.ledger.due')}
        placeholder={[t('loop.ledger.dueFrom'), t('loop.ledger.dueTo')]}
        value={[filter.dueFrom ? dayjs(filter.dueFrom) : null, filter.dueTo ? dayjs(filter.dueTo) : null]}
        onChange={(range) => onChange({ dueFrom: range?.[0]?.format('YYYY-MM-DD'), dueTo: range?.[1]?.format('YYYY-MM-DD') })}
        style={{ width: width(260) }}
      />
    </>
  );

  const sort = (
    <Flex gap={4}>
      <Select
        aria-label={t('loop.ledger.sort')}
        value={filter.sort ?? 'ordinal'}
        onChange={(v) => onChange({ sort: v === 'ordinal' ? undefined : v, order: undefined })}
        options={LEDGER_SORTS.map((s) => ({ value: s, label: tDynamic(`loop.ledger.sort.${s}`, s) }))}
        style={{ width: phone ? '100%' : 150 }}
        prefix={<span style={{ color: 'rgba(0,0,0,.45)' }}>{t('loop.ledger.sort')}</span>}
      />
      <Button
        aria-label={filter.order === 'asc' ? t('loop.ledger.ascending') : filter.order === 'desc' ? t('loop.ledger.descending') : t('loop.ledger.defaultOrder')}
        title={filter.order === 'asc' ? t('loop.ledger.ascending') : filter.order === 'desc' ? t('loop.ledger.descending') : t('loop.ledger.defaultOrder')}
        icon={filter.order === 'desc' ? <SortDescendingOutlined /> : <SortAscendingOutlined />}
        onClick={() => onChange({ order: filter.order === 'asc' ? 'desc' : 'asc' })}
      />
    </Flex>
  );

  const active = [filter.areaId, filter.unitId, filter.health, filter.state, filter.kind, filter.tag, filter.dueFrom, filter.dueTo].filter(Boolean).length;

  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          aria-label={t('loop.ledger.search')}
          placeholder={t('loop.ledger.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => onChange({ q: v.trim() || undefined })}
          style={{ width: phone ? '100%' : 260 }}
        />
        {phone ? (
          <Flex gap={8} style={{ width: '100%' }}>
            <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} aria-expanded={open} style={{ flex: 1 }}>
              {active ? t('loop.ledger.filtersActive', { count: active }) : t('common.filter')}
            </Button>
            {hideSort ? null : <div style={{ flex: 1 }}>{sort}</div>}
          </Flex>
        ) : (
          <>
            {advanced}
            {hideSort ? null : sort}
          </>
        )}
        {active || filter.q ? (
          <Button
            type="link"
            onClick={() => {
              setQ('');
              setTag('');
              onChange({ areaId: undefined, unitId: undefined, health: undefined, state: undefined, kind: undefined, tag: undefined, dueFrom: undefined, dueTo: undefined, q: undefined });
            }}
          >
            {t('common.reset')}
          </Button>
        ) : null}
      </Flex>
      {phone && open ? <Flex vertical gap={8}>{advanced}</Flex> : null}
    </Flex>
  );
}
