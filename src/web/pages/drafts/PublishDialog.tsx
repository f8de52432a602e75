/**
 * 发布: what publishing will make, before it is made — how many tasks go to how many units, and which are not ready
 * to assign (no lead unit, no deadline, a deadline already past) — and whether to assign the ready ones at once.
 */
import { Checkbox, Descriptions, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { DraftNodeView, DraftView } from '../../api/drafts.ts';
import { useI18n } from '../../i18n/index.ts';

const TASK_KINDS: ReadonlySet<string> = new Set(['task', 'subtask', 'manual']);

/** Today in the reader's calendar, as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface PublishSummary {
  tasks: number;
  units: number;
  ready: number;
  noUnit: number;
  noDeadline: number;
  pastDue: number;
}

/** Counts the included tasks by readiness to assign, the way the server decides. */
export function summarise(tree: readonly DraftNodeView[], on = today()): PublishSummary {
  const s: PublishSummary = { tasks: 0, units: 0, ready: 0, noUnit: 0, noDeadline: 0, pastDue: 0 };
  const units = new Set<string>();
  const walk = (nodes: readonly DraftNodeView[]) => {
    for (const n of nodes) {
      walk(n.children);
      if (!n.included || !TASK_KINDS.has(n.kind)) continue;
      s.tasks += 1;
      if (!n.leadUnitId) s.noUnit += 1;
      else if (!n.dueDate) s.noDeadline += 1;
      else if (n.dueDate < on) s.pastDue += 1;
      else s.ready += 1;
      if (n.leadUnitId) units.add(n.leadUnitId);
    }
  };
  walk(tree);
  s.units = units.size;
  return s;
}

export interface PublishDialogProps {
  open: boolean;
  view: DraftView;
  busy: boolean;
  onCancel(): void;
  onPublish(assign: boolean): void;
}

export function PublishDialog({ open, view, busy, onCancel, onPublish }: PublishDialogProps) {
  const { t, formatNumber } = useI18n();
  const summary = useMemo(() => summarise(view.draft.tree), [view.draft.tree]);
  const [assign, setAssign] = useState(true);
  const n = formatNumber;
  return (
    <Modal
      open={open}
      title={t('programme.publish.title')}
      okText={t('intake.publish.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onPublish(assign && summary.ready > 0)}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('programme.publish.summary', { items: n(view.counts.included), tasks: n(summary.tasks), units: n(summary.units) })}
        {' '}
        {t('programme.publish.coverage', { covered: n(view.coverage.covered), total: n(view.coverage.directiveSentences) })}
      </Typography.Paragraph>
      <Descriptions size="small" column={1} bordered data-testid="publish-summary">
        <Descriptions.Item label={t('programme.publish.ready')}>{n(summary.ready)}</Descriptions.Item>
        <Descriptions.Item label={t('programme.publish.noUnit')}>{n(summary.noUnit)}</Descriptions.Item>
        <Descriptions.Item label={t('programme.publish.noDeadline')}>{n(summary.noDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('programme.publish.pastDue')}>{n(summary.pastDue)}</Descriptions.Item>
      </Descriptions>
      <Checkbox checked={assign && summary.ready > 0} disabled={summary.ready === 0} onChange={(e) => setAssign(e.target.checked)} style={{ marginTop: 16 }}>
        {t('programme.publish.assign')}
      </Checkbox>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('programme.publish.assignHint')}</Typography.Paragraph>
    </Modal>
  );
}
