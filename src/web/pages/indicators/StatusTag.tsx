/** An indicator's standing against the time line, as a coloured tag in the reader's language. */
import { Tag } from 'antd';
import { useI18n } from '../../i18n/index.ts';

const COLOUR: Record<string, string> = { on_track: 'green', yellow: 'gold', red: 'red', no_data: 'default' };

export function IndicatorStatusTag({ status }: { status: string }) {
  const { tDynamic } = useI18n();
  return <Tag color={COLOUR[status] ?? 'default'} data-status={status}>{tDynamic(`measure.status.${status}`, status)}</Tag>;
}

/** "1,100 / 2,500 公里". */
export function useFigure(): (value: number | null | undefined, unit: string) => string {
  const { formatNumber, t } = useI18n();
  // The time line is a straight line: two decimals are enough to read it (149.45, not 149.451).
  return (value, unit) => (value === null || value === undefined ? t('measure.indicator.none') : `${formatNumber(Math.round(value * 100) / 100)}${unit ? ` ${unit}` : ''}`);
}
