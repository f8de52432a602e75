/** A chart with its table view: a toggle switches between them; the chart's text alternative is always given. */
import { Card, Segmented } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';

export function ChartCard({ id, title, chart, table, extra, note }: { id: string; title: string; chart: ReactNode; table: ReactNode; extra?: ReactNode; note?: ReactNode }) {
  const t = useT();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <section aria-labelledby={id} className="stats-card">
      <Card
        size="small"
        title={<span id={id}>{title}</span>}
        extra={
          <span className="stats-no-print" style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            {extra}
            <Segmented
              size="small"
              aria-label={t('oversight.stats.viewToggle', { title })}
              value={view}
              onChange={(v) => setView(v as 'chart' | 'table')}
              options={[{ value: 'chart', label: t('oversight.stats.asChart') }, { value: 'table', label: t('oversight.stats.asTable') }]}
            />
          </span>
        }
      >
        {note}
        {view === 'chart' ? chart : table}
      </Card>
    </section>
  );
}
