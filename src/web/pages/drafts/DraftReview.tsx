/**
 * The two panes of the review screen: the source text with the spans of the draft's items (left-out ones dimmed),
 * and the editable tree (tick for bulk edits, drag to re-parent, double-click to rename). Clicking either side
 * shows the same item on the other. Every edit is one batch of operations on the server, with the draft's version.
 */
import { App, Empty, Input, Tree, theme, type InputRef } from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Span } from '../../api/documents.ts';
import { useEditDraft, type DraftNodeView as DraftNode, type DraftOperation, type DraftView } from '../../api/drafts.ts';
import type { DocumentDetail, Unit } from '../../api/types.ts';
import { GUIDANCE_KINDS } from '../../components/intake/kinds.tsx';
import { NodeTitle } from '../../components/intake/NodeTitle.tsx';
import { SourceText, type SourceFocus, type SourceMark } from '../../components/intake/SourceText.tsx';
import { scrollToCentre } from '../../components/intake/scroll.ts';
import { expandTo, indexTree, parentIds, type Indexed } from '../../components/intake/tree-index.ts';
import { TwoPane, type PaneKey } from '../../components/intake/TwoPane.tsx';
import { useStableCallback } from '../../components/intake/useStableCallback.ts';
import { useI18n } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { DraftToolbar } from './DraftToolbar.tsx';
import { SplitModal, type SplitTarget } from './SplitModal.tsx';

export interface DraftReviewProps {
  view: DraftView;
  doc: DocumentDetail;
  units: readonly Unit[];
  phone: boolean;
  /** A span to show in the text (from the coverage list in the header). */
  focus: SourceFocus | null;
  onFocus(focus: SourceFocus): void;
  pane: PaneKey;
  onPane(pane: PaneKey): void;
}

function RenameInput({ title, onDone }: { title: string; onDone(title: string | null): void }) {
  const ref = useRef<InputRef>(null);
  const finished = useRef(false);
  const { t } = useI18n();
  useEffect(() => {
    ref.current?.focus({ cursor: 'all' });
  }, []);
  // Enter, Escape and the blur that follows them must end the edit once, or a second rename would meet a stale version.
  const done = (value: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(value);
  };
  // Keys and clicks stay in the field: the tree would otherwise take them for navigation, selection or dragging.
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  return (
    <Input
      ref={ref}
      size="small"
      defaultValue={title}
      maxLength={500}
      aria-label={t('intake.action.rename')}
      onClick={stop}
      onMouseDown={stop}
      onDoubleClick={stop}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') done(null);
      }}
      onPressEnter={(e) => done(e.currentTarget.value)}
      onBlur={(e) => done(e.currentTarget.value)}
      style={{ width: 'min(100%, 28em)' }}
    />
  );
}

interface Renaming {
  id: string | null;
  start(id: string): void;
  done(id: string, title: string | null): void;
}

/** Which title is being renamed: a context, so that opening the field does not rebuild the whole tree. */
const RenamingContext = createContext<Renaming>({ id: null, start: () => {}, done: () => {} });

function RenamableTitle({ id, title }: { id: string; title: string }) {
  const renaming = useContext(RenamingContext);
  if (renaming.id === id) return <RenameInput title={title} onDone={(value) => renaming.done(id, value)} />;
  return <span onDoubleClick={() => renaming.start(id)}>{title}</span>;
}

const TASK_KINDS: ReadonlySet<string> = new Set(['task', 'subtask', 'manual']);

export function DraftReview({ view, doc, units, phone, focus, onFocus, pane, onPane }: DraftReviewProps) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const edit = useEditDraft(view.draft.id);
  const tree = view.draft.tree;
  const lang = doc.script === 'hant' ? 'zh-Hant' : 'zh-Hans';
  const index = useMemo(() => indexTree<DraftNode>(tree, (n) => n.id), [tree]);
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [splitting, setSplitting] = useState<SplitTarget | null>(null);
  const [lastOffset, setLastOffset] = useState<number | null>(null);
  const [range, setRange] = useState<Span | null>(null);
  const [treeFocus, setTreeFocus] = useState(0);
  const treeRef = useRef<HTMLDivElement>(null);
  // At first only the branches holding work are open: the exhortations and outcomes left out stay folded, as context.
  const expandedKeys = expanded ?? parentIds(index.order).filter((id) => index.byId.get(id)!.node.children.some((c) => c.included));
  const busy = edit.isPending;

  // Ticks and the selection may name nodes a merge, a delete or someone else's edit removed.
  const liveTicked = ticked.filter((id) => index.byId.has(id));
  const selected = selectedId ? index.byId.get(selectedId) : undefined;
  const targets: Indexed<DraftNode>[] = liveTicked.length
    ? liveTicked.map((id) => index.byId.get(id)!)
    : selected ? [selected] : [];

  const marks = useMemo<SourceMark[]>(
    () => index.order.filter((e) => e.node.span).map((e) => ({ id: e.id, span: e.node.span!, dim: !e.node.included, guidance: GUIDANCE_KINDS.has(e.node.kind) })),
    [index],
  );
  const uncovered = useMemo(() => view.coverage.uncovered.map((u) => u.span), [view.coverage]);

  useEffect(() => {
    if (!treeFocus || !selectedId) return;
    scrollToCentre(treeRef.current?.querySelector(`[data-node-id="${CSS.escape(selectedId)}"]`));
  }, [treeFocus, selectedId]);

  /** Sends one batch; `then` receives the new draft. Failures are said in a message (the hook reloads the draft). */
  const run = (operations: DraftOperation[], then?: (next: DraftView) => void) => {
    edit.mutate({ version: view.draft.version, operations }, {
      onSuccess: (next) => then?.(next),
      onError: (err) => void message.error(errorText(err)),
    });
  };

  const select = (id: string | null, fromText: boolean) => {
    setSelectedId(id);
    const entry = id ? index.byId.get(id) : undefined;
    if (fromText) {
      if (entry) setExpanded(expandTo(expandedKeys, entry));
      setTreeFocus((n) => n + 1);
      if (phone) onPane('structure');
    } else if (entry?.node.span && !phone) {
      onFocus({ span: entry.node.span, nonce: Date.now() });
    }
  };

  const pick = useStableCallback(({ id, offset }: { id: string | null; offset: number }) => {
    setLastOffset(offset);
    if (id) select(id, true);
  });

  const rename = useStableCallback((id: string, title: string | null) => {
    setRenamingId(null);
    const node = index.byId.get(id)?.node;
    if (!node || title === null || !title.trim() || title.trim() === node.title) return;
    run([{ op: 'rename', id, title: title.trim() }]);
  });

  /** Drops a node before, after or into another; the server removes the node before inserting it at `index`. */
  const drop: TreeProps['onDrop'] = (info) => {
    const dragId = String(info.dragNode.key);
    const dropId = String(info.node.key);
    const target = index.byId.get(dropId);
    const dragged = index.byId.get(dragId);
    if (!target || !dragged) return;
    const pos = info.node.pos.split('-');
    const relative = info.dropPosition - Number(pos[pos.length - 1]);
    let parentId: string | null;
    let at: number;
    if (!info.dropToGap || (relative === 1 && info.node.expanded && target.node.children.length > 0)) {
      parentId = dropId;
      at = 0;
    } else {
      parentId = target.parentId;
      const siblings = parentId ? index.byId.get(parentId)!.node.children : tree;
      const targetIndex = siblings.findIndex((n) => n.id === dropId);
      at = relative < 0 ? targetIndex : targetIndex + 1;
      const from = siblings.findIndex((n) => n.id === dragId);
      if (dragged.parentId === parentId && from >= 0 && from < at) at -= 1;
    }
    if (parentId === dragged.parentId && (parentId ? index.byId.get(parentId)!.node.children : tree)[at]?.id === dragId) return;
    run([{ op: 'move', id: dragId, parentId, index: at }], () => {
      if (parentId) setExpanded(expandTo([...expandedKeys, parentId], index.byId.get(parentId)));
    });
  };

  const update = (patch: { leadUnitId?: string | null; coUnitIds?: string[]; dueDate?: string | null; included?: boolean }) => {
    if (!targets.length) return;
    run([{ op: 'update', ids: targets.map((x) => x.id), ...patch }]);
  };

  const remove = () => {
    const ids = new Set(targets.map((x) => x.id));
    // Deleting a node deletes what is under it; naming a descendant too would fail as "not found".
    const roots = targets.filter((x) => !x.ancestors.some((a) => ids.has(a)));
    run(roots.map((x) => ({ op: 'delete', id: x.id })), () => {
      setTicked([]);
      setSelectedId(null);
    });
  };

  const merge = () => {
    const ids = new Set(targets.map((x) => x.id));
    // The server keeps the first of the merged siblings.
    const kept = index.order.find((e) => ids.has(e.id))?.id ?? null;
    run([{ op: 'merge', ids: [...ids] }], () => {
      setSelectedId(kept);
      setTicked([]);
    });
  };

  const add = () => {
    const parent = targets.length === 1 ? targets[0]! : null;
    const slice = range ? doc.text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim().slice(0, 120) : '';
    const before = new Set(index.byId.keys());
    run([{ op: 'add', parentId: parent?.id ?? null, title: slice || t('intake.node.newTitle'), span: slice ? range : null }], (next) => {
      const added = indexTree<DraftNode>(next.draft.tree, (n) => n.id).order.find((e) => !before.has(e.id));
      if (!added) return;
      if (parent) setExpanded(expandTo([...expandedKeys, parent.id], index.byId.get(parent.id)));
      setSelectedId(added.id);
      setTicked([]);
      setRenamingId(added.id);
      setTreeFocus((n) => n + 1);
    });
  };

  /** Takes a node's best suggested lead unit. */
  const take = useStableCallback((n: DraftNode) => {
    const best = n.suggestions[0];
    if (best) run([{ op: 'update', ids: [n.id], leadUnitId: best.unitId }]);
  });

  /** 采纳建议: the ticked items, or with none ticked every included task still without a lead unit. */
  const acceptSuggestions = () => {
    const chosen = liveTicked.length ? liveTicked.map((id) => index.byId.get(id)!.node) : index.order.map((e) => e.node).filter((n) => n.included && !n.leadUnitId);
    const ids = chosen.filter((n) => n.suggestions.length && !n.leadUnitId).map((n) => n.id);
    if (!ids.length) {
      void message.info(t('programme.suggest.none'));
      return;
    }
    run([{ op: 'acceptSuggestions', ids }], () => void message.success(t('programme.suggest.accepted', { count: formatNumber(ids.length) })));
  };

  const tickAllTasks = () => setTicked(index.order.filter((e) => e.node.included && TASK_KINDS.has(e.node.kind)).map((e) => e.id));

  const treeData = useMemo(() => {
    const toNode = (n: DraftNode): TreeDataNode => ({
      key: n.id,
      title: (
        <NodeTitle
          id={n.id}
          kind={n.kind}
          label={n.label}
          lang={lang}
          title={<RenamableTitle id={n.id} title={n.title} />}
          tags={n.tags}
          targets={n.targets}
          deadline={n.dueDate}
          excluded={!n.included}
          leadUnit={n.leadUnitId ? unitName.get(n.leadUnitId) ?? n.leadUnitId : null}
          coUnits={n.coUnitIds.map((u) => unitName.get(u) ?? u)}
          nodeClass={{ class: n.class, cue: n.classCue, restatement: n.restatement, repeats: n.repeats?.label ?? null }}
          keyPoints={n.keyPoints.map((k) => k.text)}
          suggestion={n.included ? n.suggestions[0] ?? null : null}
          onTakeSuggestion={() => take(n)}
        />
      ),
      children: n.children.map(toNode),
    });
    return tree.map(toNode);
  }, [tree, unitName, lang, take]);
  const renaming = useMemo<Renaming>(() => ({ id: renamingId, start: setRenamingId, done: rename }), [renamingId, rename]);

  const source = (
    <SourceText
      text={doc.displayText}
      marks={marks}
      selectedId={selectedId}
      uncovered={uncovered}
      focus={focus}
      lang={lang}
      ariaLabel={t('intake.pane.source')}
      onPick={pick}
      onSelectRange={setRange}
    />
  );

  const single = targets.length === 1 ? targets[0]! : null;
  const structure = (
    <div ref={treeRef}>
      {/* On wide screens the toolbar stays on top of the scrolling tree; on a phone it would hide half the screen. */}
      <div style={{ position: phone ? 'static' : 'sticky', top: 0, zIndex: 2, background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <DraftToolbar
          targets={targets.map((x) => ({ node: x.node, parentId: x.parentId }))}
          ticked={liveTicked.length > 0}
          units={units}
          busy={busy}
          phone={phone}
          selectedText={range ? doc.text.slice(range[0], range[1]) : null}
          onUpdate={update}
          onRename={() => single && setRenamingId(single.id)}
          onSplit={() => single?.node.span && setSplitting({ id: single.id, title: single.node.title, span: single.node.span })}
          onMerge={merge}
          onDelete={remove}
          onAdd={add}
          onClearTicks={() => setTicked([])}
          onAcceptSuggestions={acceptSuggestions}
          onTickAllTasks={tickAllTasks}
          onShowInText={phone ? () => {
            if (single?.node.span) onFocus({ span: single.node.span, nonce: Date.now() });
            onPane('source');
          } : undefined}
        />
      </div>
      {treeData.length ? (
        <Tree
          treeData={treeData}
          blockNode
          checkable
          checkStrictly
          showLine
          aria-label={t('intake.pane.structure')}
          draggable={{ icon: false, nodeDraggable: (n) => !busy && n.key !== renamingId }}
          onDrop={drop}
          checkedKeys={{ checked: liveTicked, halfChecked: [] }}
          onCheck={(keys) => setTicked((Array.isArray(keys) ? keys : keys.checked).map(String))}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => select(keys[0] === undefined ? null : String(keys[0]), false)}
          style={{ padding: '4px 8px' }}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.review.emptyTree')} style={{ padding: 24 }} />
      )}
    </div>
  );

  return (
    <RenamingContext.Provider value={renaming}>
      <TwoPane
        phone={phone}
        tab={pane}
        onTabChange={onPane}
        sourceTitle={t('intake.pane.source')}
        structureTitle={t('intake.pane.structure')}
        source={source}
        structure={structure}
        height="max(420px, calc(100vh - 300px))"
      />
      <SplitModal
        target={splitting}
        text={doc.text}
        initial={lastOffset}
        busy={busy}
        onCancel={() => setSplitting(null)}
        onSplit={(at) => {
          const id = splitting?.id;
          if (!id) return;
          run([{ op: 'split', id, at }], () => setSplitting(null));
        }}
      />
    </RenamingContext.Provider>
  );
}
