/**
 * The indicator's chart: actual values against the target and the time line (时序进度). ECharts is tree-shaken
 * (`echarts/core` with only the line chart, grid, tooltip and legend) and this file is loaded lazily, so pages
 * without a chart never download it.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerParts, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { IndicatorDetailResponse } from '../../api/measure.ts';
import { useI18n } from '../../i18n/index.ts';

registerParts([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export default function IndicatorChart({ detail }: { detail: IndicatorDetailResponse }) {
  const { t, formatNumber } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const s = detail.series;
    chart.current?.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—') },
      legend: { top: 0, data: [t('measure.chart.actual'), t('measure.chart.target'), t('measure.chart.expected')] },
      grid: { left: 16, right: 16, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.map((p) => p.periodKey) },
      yAxis: { type: 'value', name: detail.indicator.unit, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      series: [
        { name: t('measure.chart.actual'), type: 'line', data: s.map((p) => (p.actualState === 'accepted' ? p.actual : null)), connectNulls: true, symbolSize: 8, lineStyle: { width: 3 } },
        { name: t('measure.chart.target'), type: 'line', data: s.map((p) => p.target), symbol: 'none', lineStyle: { type: 'dashed' } },
        { name: t('measure.chart.expected'), type: 'line', data: s.map((p) => p.expected), symbol: 'none', lineStyle: { type: 'dotted' } },
      ],
    }, true);
  }, [detail, t, formatNumber]);

  return <div ref={el} role="img" aria-label={t('measure.chart.label', { name: detail.indicator.name })} data-testid="indicator-chart" style={{ width: '100%', height: 320 }} />;
}
