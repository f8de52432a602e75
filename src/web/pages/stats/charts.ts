/** Chart options and drill-down queries of the 统计 page, from the API's buckets. */
import type { LedgerQuery, StatsBucket, StatsResponse, TreeNode, TrendPoint } from '../../api/stats.ts';
import { TASK_STATES } from '../../api/tasks.ts';
import { HEALTH_HEX } from '../../components/loop/HealthDot.tsx';
import type { ChartOption } from './EChart.tsx';

/** The stacked segments of a bucket: open tasks by light, then closed ones, then those with no light yet. */
export const SEGMENTS = ['red', 'yellow', 'blue', 'green', 'grey', 'closed', 'unlit'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT_HEX: Record<Segment, string> = { ...HEALTH_HEX, closed: '#6e56cf', unlit: '#d9d9d9' } as Record<Segment, string>;

export function segmentCount(b: StatsBucket, s: Segment): number {
  if (s === 'closed') return b.closed;
  if (s === 'unlit') return Math.max(0, b.health.none - b.closed);
  return b.health[s];
}

/** The ledger query listing exactly the tasks one segment of one bucket counts; null when there are none. */
export function segmentQuery(stats: StatsResponse, s: Segment | 'all' | 'overdue', dim?: { key: 'areaId' | 'unitId' | 'programmeId'; id: string }): LedgerQuery | null {
  const extra = dim ? { [dim.key]: dim.id } : {};
  if (s === 'all') return { ...stats.drill.all, ...extra };
  if (s === 'overdue') return stats.drill.overdue ? { ...stats.drill.overdue, ...extra } : null;
  if (s === 'closed') return stats.drill.closed ? { ...stats.drill.closed, ...extra } : null;
  if (s === 'unlit') {
    // Closed tasks have no light either; the open ones without a light are drafts or not yet lit.
    const asked = stats.filter.state?.split(',');
    const states = TASK_STATES.filter((x) => x !== 'closed' && (!asked || asked.includes(x)));
    return states.length ? { ...stats.drill.all, health: 'none', state: states.join(','), ...extra } : null;
  }
  const asked = stats.filter.health?.split(',');
  if (asked && !asked.includes(s)) return null;
  return { ...stats.drill.all, health: s, ...extra };
}

/** A stacked bar chart of buckets (horizontal for units, whose names are long). */
export function bucketBars(buckets: readonly StatsBucket[], label: (s: Segment) => string, horizontal: boolean): ChartOption {
  const names = buckets.map((b) => b.name);
  const category = { type: 'category' as const, data: names, axisLabel: { width: 120, overflow: 'truncate' as const, interval: 0, rotate: horizontal ? 0 : names.length > 4 ? 30 : 0 }, inverse: horizontal };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 12, bottom: 40, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: SEGMENTS.map((s) => ({
      id: s,
      type: 'bar' as const,
      name: label(s),
      stack: 'tasks',
      itemStyle: { color: SEGMENT_HEX[s] },
      emphasis: { focus: 'series' as const },
      data: buckets.map((b) => segmentCount(b, s)),
    })),
  };
}

export const TREND_SERIES = ['red', 'yellow', 'blue', 'green', 'closed'] as const;

export function trendLines(points: readonly TrendPoint[], dayLabel: (p: TrendPoint) => string, label: (s: (typeof TREND_SERIES)[number]) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 12, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: points.map(dayLabel), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: TREND_SERIES.map((s) => ({
      id: s,
      type: 'line' as const,
      name: label(s),
      symbolSize: 8,
      itemStyle: { color: SEGMENT_HEX[s] },
      lineStyle: { color: SEGMENT_HEX[s] },
      data: points.map((p) => p[s]),
    })),
  };
}

interface TreeDatum {
  id: string;
  name: string;
  value: number;
  itemStyle: { color: string };
  children?: TreeDatum[];
}

/** The programme tree (flat nodes from the API) as a tree map coloured by each node's worst light. */
export function treeMap(nodes: readonly TreeNode[], rootName: string): ChartOption {
  const byParent = new Map<string | null, TreeNode[]>();
  for (const n of nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
  // No light: closed or not yet assigned; shown pale so the lit tasks stand out.
  const colour = (n: TreeNode) => (n.health === 'none' ? '#e4e4e7' : HEALTH_HEX[n.health]);
  const build = (parent: string | null, depth: number): TreeDatum[] =>
    depth > 3 ? [] : (byParent.get(parent) ?? []).map((n) => {
      const children = build(n.id, depth + 1);
      return { id: `${n.kind}:${n.id}`, name: n.name, value: Math.max(n.value, 1), itemStyle: { color: colour(n) }, ...(children.length ? { children } : {}) };
    });
  return {
    tooltip: { formatter: '{b}: {c}' },
    series: [{
      type: 'treemap',
      name: rootName,
      roam: false,
      nodeClick: false,
      top: 4,
      bottom: 4,
      left: 0,
      right: 0,
      breadcrumb: { show: false },
      label: { show: true, formatter: '{b}', overflow: 'truncate', color: '#1f1f1f' },
      upperLabel: { show: true, height: 22, color: '#1f1f1f', overflow: 'truncate' },
      itemStyle: { borderColor: '#fff', borderWidth: 1, gapWidth: 1 },
      // The first level is the series' own root: no label of its own.
      levels: [
        { itemStyle: { borderWidth: 0, gapWidth: 3 }, upperLabel: { show: false } },
        { itemStyle: { borderColor: '#d4d4d8', borderWidth: 2, gapWidth: 2 }, upperLabel: { show: true } },
        { itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 1 }, upperLabel: { show: true } },
        { itemStyle: { borderColor: '#fff', borderWidth: 1, gapWidth: 1 } },
      ],
      data: build(null, 0),
    }],
  };
}
