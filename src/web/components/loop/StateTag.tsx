/** A task's lifecycle state (已交办, 办理中, 已销号 …) as a coloured tag. */
import { Tag } from 'antd';
import { useReportStateLabel, useStateLabel } from './labels.ts';

const STATE_COLOURS: Record<string, string> = {
  draft: 'default',
  assigned: 'blue',
  signed: 'cyan',
  reassign_requested: 'orange',
  in_progress: 'geekblue',
  completion_requested: 'purple',
  suspended: 'default',
  closed: 'green',
};

export function StateTag({ state }: { state: string }) {
  const label = useStateLabel();
  return <Tag color={STATE_COLOURS[state] ?? 'default'} style={{ marginInlineEnd: 0 }}>{label(state)}</Tag>;
}

const REPORT_COLOURS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
  missing: 'warning',
};

export function ReportStateTag({ state }: { state: string }) {
  const label = useReportStateLabel();
  return <Tag color={REPORT_COLOURS[state] ?? 'default'} style={{ marginInlineEnd: 0 }}>{label(state)}</Tag>;
}
