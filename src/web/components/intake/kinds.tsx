/** The kind badge of a tree item (方面, 原则, 任务 …), in the reader's language, with one colour per kind. */
import { Tag } from 'antd';
import type { ItemKind } from '../../api/documents.ts';
import { useT, type PlainMessageKey } from '../../i18n/index.ts';

export type NodeKind = ItemKind | 'manual';

const KIND_LABEL: Record<NodeKind, PlainMessageKey> = {
  section: 'intake.kind.section',
  area: 'intake.kind.area',
  principle: 'intake.kind.principle',
  goal: 'intake.kind.goal',
  requirement: 'intake.kind.requirement',
  review: 'intake.kind.review',
  paragraph: 'intake.kind.paragraph',
  task: 'intake.kind.task',
  subtask: 'intake.kind.subtask',
  manual: 'intake.kind.manual',
};

const KIND_COLOR: Record<NodeKind, string> = {
  section: 'default',
  area: 'volcano',
  principle: 'purple',
  goal: 'green',
  requirement: 'geekblue',
  review: 'default',
  paragraph: 'default',
  task: 'blue',
  subtask: 'cyan',
  manual: 'magenta',
};

/** Kinds that state guidance or look back rather than commit to work (the server leaves them out of a new draft). */
export const GUIDANCE_KINDS: ReadonlySet<NodeKind> = new Set(['principle', 'goal', 'requirement', 'review']);

export function KindTag({ kind }: { kind: NodeKind }) {
  const t = useT();
  return (
    <Tag color={KIND_COLOR[kind]} data-kind={kind} style={{ marginInlineEnd: 6 }}>
      {t(KIND_LABEL[kind])}
    </Tag>
  );
}
