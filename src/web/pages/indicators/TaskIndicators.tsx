/** The task page's card of its indicators (对标对表); hidden when the task has none. */
import { Card } from 'antd';
import { useIndicators } from '../../api/measure.ts';
import { useT } from '../../i18n/index.ts';
import { IndicatorTable } from './IndicatorsPage.tsx';

export function TaskIndicators({ taskId }: { taskId: string }) {
  const t = useT();
  const list = useIndicators({ taskId });
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <Card size="small" title={t('measure.task.heading')} data-testid="task-indicators">
      <IndicatorTable items={list.data.items} compact />
    </Card>
  );
}
