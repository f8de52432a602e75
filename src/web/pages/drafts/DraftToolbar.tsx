/**
 * The actions of the review tree for the ticked items (or the selected one): lead unit, co-units, deadline,
 * include / leave out, rename, split, merge, delete, add. Values shared by every target are shown; mixed ones are not.
 */
import { BulbOutlined, CheckSquareOutlined, DeleteOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, MergeCellsOutlined, PlusOutlined, ScissorOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import type { DraftNodeView as DraftNode } from '../../api/drafts.ts';
import type { Unit } from '../../api/types.ts';
import { unitOptions } from '../../components/units.ts';
import { useI18n } from '../../i18n/index.ts';

export interface ToolbarTarget {
  node: DraftNode;
  parentId: string | null;
}

export interface DraftToolbarProps {
  targets: readonly ToolbarTarget[];
  /** How the targets were chosen: ticked in the tree, or the one selected item. */
  ticked: boolean;
  units: readonly Unit[];
  busy: boolean;
  phone: boolean;
  onUpdate(patch: { leadUnitId?: string | null; coUnitIds?: string[]; dueDate?: string | null; included?: boolean }): void;
  onRename(): void;
  onSplit(): void;
  onMerge(): void;
  onDelete(): void;
  onAdd(): void;
  onClearTicks(): void;
  /** 采纳建议 for the targets, or for every included task without a lead unit when there are none. */
  onAcceptSuggestions(): void;
  onTickAllTasks(): void;
  /** Shows the item in the source text (on a phone, where the text is on another tab). */
  onShowInText?(): void;
  /** The text the reader selected in the document; 添加 then uses it. */
  selectedText: string | null;
}

/** The one value every target shares, or undefined when they differ. */
function common<T>(values: readonly T[], same: (a: T, b: T) => boolean = Object.is): T | undefined {
  if (!values.length) return undefined;
  return values.every((v) => same(v, values[0]!)) ? values[0] : undefined;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function DraftToolbar(props: DraftToolbarProps) {
  const { targets, ticked, units, busy, phone, onUpdate, selectedText } = props;
  const { t, formatNumber } = useI18n();
  const { modal } = App.useApp();
  const nodes = targets.map((x) => x.node);
  const none = nodes.length === 0;
  const single = nodes.length === 1 ? nodes[0]! : null;
  const lead = common(nodes.map((n) => n.leadUnitId));
  const co = common(nodes.map((n) => [...n.coUnitIds].sort()), sameList);
  const due = common(nodes.map((n) => n.dueDate));
  const mixed = t('intake.field.mixed');
  const options = unitOptions(units);
  const siblings = nodes.length >= 2 && targets.every((x) => x.parentId === targets[0]!.parentId);
  const allIncluded = nodes.every((n) => n.included);
  const allExcluded = nodes.every((n) => !n.included);
  const width = phone ? '100%' : 200;

  const confirmDelete = () => {
    modal.confirm({
      title: t('intake.delete.title', { count: formatNumber(nodes.length) }),
      content: t('intake.delete.body'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: props.onDelete,
    });
  };

  return (
    <Flex vertical gap={8} style={{ padding: '8px 12px' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
          {none ? t('intake.toolbar.hint') : ticked ? t('intake.toolbar.ticked', { count: formatNumber(nodes.length) }) : t('intake.toolbar.selected', { title: single?.title ?? '' })}
        </Typography.Text>
        <Flex gap={4} wrap>
          <Tooltip title={t('programme.suggest.acceptHint')}>
            <Button size="small" icon={<BulbOutlined aria-hidden />} disabled={busy} onClick={props.onAcceptSuggestions}>{t('programme.suggest.accept')}</Button>
          </Tooltip>
          <Button size="small" icon={<CheckSquareOutlined aria-hidden />} disabled={busy} onClick={props.onTickAllTasks}>{t('programme.tick.allTasks')}</Button>
          {props.onShowInText && single?.span ? <Button size="small" type="link" onClick={props.onShowInText}>{t('intake.toolbar.showInText')}</Button> : null}
          {ticked ? <Button size="small" onClick={props.onClearTicks}>{t('intake.toolbar.clearTicks')}</Button> : null}
        </Flex>
      </Flex>
      <Flex gap={8} wrap>
        <TreeSelect
          aria-label={t('intake.field.leadUnit')}
          placeholder={lead === undefined && !none ? mixed : t('intake.field.leadUnit')}
          value={lead ?? undefined}
          treeData={options}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
          allowClear
          disabled={none || busy}
          onChange={(v: string | undefined) => onUpdate({ leadUnitId: v ?? null })}
          style={{ width }}
          popupMatchSelectWidth={false}
        />
        <TreeSelect
          aria-label={t('intake.field.coUnits')}
          placeholder={co === undefined && !none ? mixed : t('intake.field.coUnits')}
          value={co ?? []}
          treeData={options}
          treeDefaultExpandAll
          multiple
          showSearch={{ treeNodeFilterProp: 'title' }}
          allowClear
          maxTagCount="responsive"
          disabled={none || busy}
          onChange={(v: string[]) => onUpdate({ coUnitIds: v })}
          style={{ width: phone ? '100%' : 240 }}
          popupMatchSelectWidth={false}
        />
        <DatePicker
          aria-label={t('intake.field.dueDate')}
          placeholder={due === undefined && !none ? mixed : t('intake.field.dueDate')}
          value={due ? dayjs(due) : null}
          disabled={none || busy}
          onChange={(d) => onUpdate({ dueDate: d ? d.format('YYYY-MM-DD') : null })}
          style={{ width: phone ? '100%' : 150 }}
        />
      </Flex>
      <Flex gap={6} wrap>
        <Button size="small" icon={<EyeOutlined aria-hidden />} disabled={none || busy || allIncluded} onClick={() => onUpdate({ included: true })}>{t('intake.action.include')}</Button>
        <Button size="small" icon={<EyeInvisibleOutlined aria-hidden />} disabled={none || busy || allExcluded} onClick={() => onUpdate({ included: false })}>{t('intake.action.exclude')}</Button>
        <Button size="small" icon={<EditOutlined aria-hidden />} disabled={!single || busy} onClick={props.onRename}>{t('intake.action.rename')}</Button>
        <Button size="small" icon={<ScissorOutlined aria-hidden />} disabled={!single?.span || busy} onClick={props.onSplit}>{t('intake.action.split')}</Button>
        <Tooltip title={nodes.length >= 2 && !siblings ? t('intake.merge.siblingsOnly') : undefined}>
          <Button size="small" icon={<MergeCellsOutlined aria-hidden />} disabled={!siblings || busy} onClick={props.onMerge}>{t('intake.action.merge')}</Button>
        </Tooltip>
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={none || busy} onClick={confirmDelete}>{t('intake.action.delete')}</Button>
        <Tooltip title={selectedText ? t('intake.add.fromSelection', { text: selectedText.slice(0, 40) }) : t('intake.add.hint')}>
          <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={busy} onClick={props.onAdd}>{single ? t('intake.action.addChild') : t('intake.action.add')}</Button>
        </Tooltip>
      </Flex>
    </Flex>
  );
}
