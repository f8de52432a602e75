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

/** What the engine read a clause as, for items that are not work (要求, 成效) or repeat work (重申). */
export interface NodeClass {
  class: 'deployment' | 'requirement' | 'outcome' | null;
  cue: string | null;
  restatement: boolean;
  /** The label of the work area a restated clause repeats (一要). */
  repeats: string | null;
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
  nodeClass?: NodeClass;
  /** Clauses folded into the task. */
  keyPoints?: readonly string[];
  /** The best suggested lead unit, shown while the item has none; clicking it takes it. */
  suggestion?: { unitName: string; reasons: readonly string[] } | null;
  onTakeSuggestion?(): void;
}

const NO_UNITS: readonly string[] = [];

/** Plain spans where Ant Design components would cost too much: a tree shows hundreds of these lines. */
export function NodeTitle({ id, kind, label, title, tags, targets, deadline, excluded, leadUnit, coUnits = NO_UNITS, lang, nodeClass, keyPoints = NO_UNITS, suggestion, onTakeSuggestion }: NodeTitleProps) {
  const { t, formatDate, formatNumber } = useI18n();
  const { token } = theme.useToken();
  // Guidance kinds (原则, 总体要求, 目标) say what they are already; the class tag is for commitments that are not work.
  const commitment = kind === 'task' || kind === 'subtask' || kind === 'manual';
  const cls = commitment && (nodeClass?.class === 'requirement' || nodeClass?.class === 'outcome') ? nodeClass.class : null;
  const classWord = cls ? t(cls === 'requirement' ? 'programme.class.requirement' : 'programme.class.outcome') : '';
  return (
    <span data-node-id={id} lang={lang} style={{ display: 'inline', lineHeight: 1.8 }}>
      <KindTag kind={kind} />
      {label ? <strong style={{ marginInlineEnd: 6 }}>{label}</strong> : null}
      <span style={{ color: excluded ? token.colorTextTertiary : undefined }}>{title}</span>
      {cls ? (
        <Tag data-class={cls} color={cls === 'requirement' ? 'geekblue' : 'green'} style={{ marginInlineStart: 6 }} title={nodeClass?.cue ? t('programme.class.cue', { cue: nodeClass.cue, class: classWord }) : undefined}>
          {classWord}
        </Tag>
      ) : null}
      {nodeClass?.restatement ? (
        <Tag data-class="restatement" style={{ marginInlineStart: 6 }} title={nodeClass.repeats ? t('programme.class.repeats', { label: nodeClass.repeats }) : t('programme.class.restates')}>
          {t('programme.class.restatement')}{nodeClass.repeats ? ` ${nodeClass.repeats}` : ''}
        </Tag>
      ) : null}
      {excluded ? <Tag style={{ marginInlineStart: 6 }}>{t('intake.node.excluded')}</Tag> : null}
      {keyPoints.length ? (
        <span style={{ marginInlineStart: 6, fontSize: 12, color: token.colorTextSecondary, whiteSpace: 'nowrap' }} title={`${t('programme.keyPoints.title')}：${keyPoints.join('；')}`}>
          {t('programme.keyPoints.count', { count: formatNumber(keyPoints.length) })}
        </span>
      ) : null}
      {!leadUnit && suggestion ? (
        <Tag
          data-suggestion={suggestion.unitName}
          style={{ marginInlineStart: 6, borderStyle: 'dashed', cursor: onTakeSuggestion ? 'pointer' : undefined }}
          title={t('programme.suggest.why', { words: suggestion.reasons.join('、') })}
          onClick={onTakeSuggestion ? (e) => {
            // The tag sits in a tree row: taking the suggestion must not also select or tick the row.
            e.stopPropagation();
            onTakeSuggestion();
          } : undefined}
        >
          {t('programme.suggest.tag', { unit: suggestion.unitName })}
        </Tag>
      ) : null}
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
