/**
 * The ledger table with virtual scrolling: only the rows in view are in the DOM, and the next page (limit/offset) is
 * fetched as the reader nears the end of what is loaded. Phones get a two-line row instead of columns.
 */
import { Checkbox, Empty, Flex, Progress, Spin, theme, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Task } from '../../api/tasks.ts';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { useUnitName } from '../../components/loop/names.ts';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';

const ROW_HEIGHT = 48;
const PHONE_ROW_HEIGHT = 78;
/** Start fetching the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 30;
const MIN_HEIGHT = 360;

/** title | lead unit | state | due | progress | health */
const COLUMNS = 'minmax(260px, 1fr) 160px 136px 116px 124px 56px';

/** Row selection for bulk actions; absent for readers who cannot act on tasks. */
export interface LedgerSelection {
  selected: ReadonlySet<string>;
  toggle(id: string, on: boolean): void;
  /** Selects (or clears) every loaded row. */
  toggleAll(on: boolean): void;
}

export interface LedgerListProps {
  selection?: LedgerSelection;
  rows: Task[];
  total: number;
  hasNextPage: boolean;
  fetchingNext: boolean;
  fetchNextPage(): void;
  /** The programme is in view already (the header shows it); otherwise nothing extra. */
  loading: boolean;
}

function Cell({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return <div role="cell" style={{ minWidth: 0, overflow: 'hidden', display: 'flex', alignItems: 'center', ...style }}>{children}</div>;
}

export function LedgerList({ rows, total, hasNextPage, fetchingNext, fetchNextPage, loading, selection }: LedgerListProps) {
  const { t, formatDate } = useI18n();
  const { token } = theme.useToken();
  const phone = usePhone();
  const unitName = useUnitName();
  const navigate = useNavigate();
  const parentRef = useRef<HTMLDivElement>(null);
  const rowHeight = phone ? PHONE_ROW_HEIGHT : ROW_HEIGHT;
  const columns = selection ? `32px ${COLUMNS}` : COLUMNS;
  const allSelected = selection !== undefined && rows.length > 0 && rows.every((r) => selection.selected.has(r.id));
  // A checkbox in a clickable row: ticking it must not open the task.
  const check = (task: Task) => selection ? (
    <Checkbox
      checked={selection.selected.has(task.id)}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => selection.toggle(task.id, e.target.checked)}
      aria-label={t('programme.bulk.selectRow', { title: task.title })}
    />
  ) : null;

  // The React Compiler is not used here; TanStack Virtual's unmemoisable functions are used as its docs show.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: hasNextPage ? rows.length + 1 : rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasNextPage && !fetchingNext && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, fetchingNext, lastIndex, rows.length, fetchNextPage]);

  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  // The list fills the window below where it starts, so the page itself does not scroll as well.
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const fit = () => {
      const top = parentRef.current?.getBoundingClientRect().top;
      if (top !== undefined) setHeight(Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - top - (phone ? 12 : 24))));
    };
    fit();
    // Content above the list (the programme's counts, the filters on a phone) may arrive or change later.
    const observer = new ResizeObserver(fit);
    observer.observe(document.body);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [phone, loading]);

  if (!loading && rows.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.ledger.empty')} style={{ padding: 32 }} />;
  }

  const header = phone ? null : (
    <div
      role="row"
      style={{
        display: 'grid',
        gridTemplateColumns: columns,
        gap: 12,
        padding: '0 12px',
        height: 40,
        alignItems: 'center',
        position: 'sticky',
        top: 0,
        zIndex: 1,
        background: token.colorFillAlter,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        fontWeight: 600,
        minWidth: 900,
      }}
    >
      {selection ? (
        <div role="columnheader">
          <Checkbox
            checked={allSelected}
            indeterminate={!allSelected && selection.selected.size > 0}
            onChange={(e) => selection.toggleAll(e.target.checked)}
            aria-label={t('programme.bulk.selectAll')}
          />
        </div>
      ) : null}
      <div role="columnheader">{t('loop.ledger.col.title')}</div>
      <div role="columnheader">{t('loop.ledger.col.leadUnit')}</div>
      <div role="columnheader">{t('loop.ledger.col.state')}</div>
      <div role="columnheader">{t('loop.ledger.col.due')}</div>
      <div role="columnheader">{t('loop.ledger.col.progress')}</div>
      <div role="columnheader">{t('loop.ledger.col.health')}</div>
    </div>
  );

  const title = (task: Task) => (
    <Link
      to={`/tasks/${encodeURIComponent(task.id)}`}
      onClick={(e) => e.stopPropagation()}
      title={task.title}
      style={{
        fontWeight: task.kind === 'area' ? 600 : undefined,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
        minWidth: 0,
      }}
    >
      {task.label ? <span style={{ color: token.colorTextSecondary, marginInlineEnd: 6 }}>{task.label}</span> : null}
      {task.title}
    </Link>
  );

  const unitCell = (task: Task) =>
    task.leadUnitId ? (
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={unitName(task.leadUnitId)}>
        {unitName(task.leadUnitId)}
        {task.coUnits.length ? <Typography.Text type="secondary"> {t('loop.ledger.plusCoUnits', { count: task.coUnits.length })}</Typography.Text> : null}
      </span>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const row = (task: Task) =>
    phone ? (
      <Flex vertical gap={4} style={{ paddingInlineStart: 12 + Math.min(task.depth, 4) * 12, paddingInlineEnd: 12, paddingBlock: 8, height: '100%' }}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }} role="cell">
          {check(task)}
          <HealthDot colour={task.health} summary={task.healthSummary} />
          {title(task)}
        </Flex>
        <Flex align="center" gap={8} wrap={false} style={{ minWidth: 0, fontSize: 12 }} role="cell">
          <StateTag state={task.state} />
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1, minWidth: 0 }}>
            {task.leadUnitId ? unitName(task.leadUnitId) : '—'}
            {task.dueDate ? ` · ${formatDate(task.dueDate)}` : ''}
          </span>
          <Progress percent={task.progress} size="small" style={{ width: 80, margin: 0 }} aria-label={t('loop.ledger.col.progress')} />
        </Flex>
      </Flex>
    ) : (
      <div style={{ display: 'grid', gridTemplateColumns: columns, gap: 12, padding: '0 12px', height: '100%', alignItems: 'center', minWidth: 900 }}>
        {selection ? <Cell>{check(task)}</Cell> : null}
        <Cell style={{ paddingInlineStart: Math.min(task.depth, 6) * 20 }}>{title(task)}</Cell>
        <Cell>{unitCell(task)}</Cell>
        <Cell><StateTag state={task.state} /></Cell>
        <Cell>{task.dueDate ? formatDate(task.dueDate) : <Typography.Text type="secondary">—</Typography.Text>}</Cell>
        <Cell><Progress percent={task.progress} size="small" style={{ margin: 0, width: '100%' }} aria-label={t('loop.ledger.col.progress')} /></Cell>
        <Cell style={{ justifyContent: 'center' }}><HealthDot colour={task.health} summary={task.healthSummary} /></Cell>
      </div>
    );

  return (
    <div
      ref={parentRef}
      role="table"
      aria-label={t('nav.ledger')}
      aria-rowcount={total + 1}
      style={{
        height: height ?? MIN_HEIGHT,
        overflow: 'auto',
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        background: token.colorBgContainer,
        position: 'relative',
      }}
    >
      {header}
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: phone ? undefined : 900 }}>
        {items.map((v) => {
          const task = rows[v.index];
          return (
            <div
              key={task?.id ?? 'loader'}
              role="row"
              aria-rowindex={v.index + 2}
              onClick={task ? () => navigate(`/tasks/${encodeURIComponent(task.id)}`) : undefined}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: v.size,
                transform: `translateY(${v.start}px)`,
                borderBottom: `1px solid ${token.colorBorderSecondary}`,
                cursor: task ? 'pointer' : undefined,
                background: task?.kind === 'area' ? token.colorFillQuaternary : undefined,
              }}
            >
              {task ? row(task) : <Flex justify="center" align="center" style={{ height: '100%' }}><Spin size="small" /></Flex>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
