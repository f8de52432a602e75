/**
 * One ECharts chart, tree-shaken: only the bar, line and tree-map charts and the components they use are imported
 * (echarts/core), rendered as SVG (sharp when printed). The element carries a text alternative for screen readers;
 * clicking an element calls `onClick` with its data index and series.
 */
import { BarChart, LineChart, TreemapChart, type BarSeriesOption, type LineSeriesOption, type TreemapSeriesOption } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, type AriaComponentOption, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use as registerCharts, type ComposeOption, type ECElementEvent, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

registerCharts([BarChart, LineChart, TreemapChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | TreemapSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption>;

export interface ChartClick {
  dataIndex: number;
  seriesId?: string;
  /** The clicked datum's own `id` (tree-map nodes carry one). */
  id?: string;
}

export function EChart({ option, onClick, label, height, testId }: { option: ChartOption; onClick?(e: ChartClick): void; label: string; height: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p: ECElementEvent) => {
      const data = p.data as { id?: string } | null | undefined;
      click.current?.({ dataIndex: p.dataIndex, seriesId: p.seriesId ?? undefined, id: data && typeof data === 'object' ? data.id : undefined });
    });
    // Follows the card's width (window resizes, the print layout).
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: false }, ...option }, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
