/** One line of a decomposition or draft tree: kind badge, label, title, then tags, targets, deadline and units. */
import { AimOutlined, ClockCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { Tag, theme } from 'antd';
import type { ReactNode } from 'react';
import type { Target } from '../../api/documents.ts';
import { useI18n } from '../../i18n/index.ts';
import { KindTag, type NodeKind } from './kinds.tsx';

const DIRECTION: Record<Target['direction'], string> = {
  increase: '↑',
  decrease: '↓',
  maintain: '=',
  around: '≈',
  at_least: '≥',
  at_most: '≤',
};

/** A target as a short figure: ≥500万千瓦, ≈4.5–5%. */
export function targetFigure(t: Target): string {
  return `${DIRECTION[t.direction]}${t.value}${t.valueMax !== null ? `–${t.valueMax}` : ''}${t.unit}`;
}

export interface NodeTitleProps {
  id: string;
  kind: NodeKind;
  label: string | null;
  /** The title, or an editor in its place while renaming. */
  title: ReactNode;
  tags: readonly string[];
  targets: readonly Target[];
  /** ISO date: the engine's deadline, or the reviewer's due date in a draft. */
  deadline: string | null;
  excluded?: boolean;
  leadUnit?: string | null;
  coUnits?: readonly string[];
  lang?: string;
}

const NO_UNITS: readonly string[] = [];

/** Plain spans where Ant Design components would cost too much: a tree shows hundreds of these lines. */
export function NodeTitle({ id, kind, label, title, tags, targets, deadline, excluded, leadUnit, coUnits = NO_UNITS, lang }: NodeTitleProps) {
  const { t, formatDate } = useI18n();
  const { token } = theme.useToken();
  return (
    <span data-node-id={id} lang={lang} style={{ display: 'inline', lineHeight: 1.8 }}>
      <KindTag kind={kind} />
      {label ? <strong style={{ marginInlineEnd: 6 }}>{label}</strong> : null}
      <span style={{ color: excluded ? token.colorTextTertiary : undefined }}>{title}</span>
      {excluded ? <Tag style={{ marginInlineStart: 6 }}>{t('intake.node.excluded')}</Tag> : null}
      {leadUnit ? <Tag color="red" icon={<TeamOutlined aria-hidden />} style={{ marginInlineStart: 6 }} title={t('intake.field.leadUnit')}>{leadUnit}</Tag> : null}
      {coUnits.length ? <Tag style={{ marginInlineStart: 6 }} title={coUnits.join('、')}>{t('intake.node.coUnits', { names: coUnits.join('、') })}</Tag> : null}
      {deadline ? <Tag icon={<ClockCircleOutlined aria-hidden />} color="orange" style={{ marginInlineStart: 6 }}>{formatDate(deadline)}</Tag> : null}
      {targets.map((target) => (
        <Tag key={`${target.span[0]}`} icon={<AimOutlined aria-hidden />} color="green" title={target.text} style={{ marginInlineStart: 6 }}>
          {target.metric ? `${target.metric} ` : ''}{targetFigure(target)}
        </Tag>
      ))}
      {tags.map((tag) => (
        <span key={tag} style={{ marginInlineStart: 6, fontSize: 12, color: token.colorTextTertiary, whiteSpace: 'nowrap' }}>#{tag}</span>
      ))}
    </span>
  );
}
