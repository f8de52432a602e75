/**
 * The review's state and its edits: what is selected, ticked, folded, being renamed or split, the text range picked,
 * and every operation on the draft (one batch on the server each, with the draft's version). The panes only draw it.
 */
import { App } from 'antd';
import type { TreeProps } from 'antd';
import { useMemo, useState } from 'react';
import type { Span } from '../../api/documents.ts';
import { useEditDraft, type DraftNodeView as DraftNode, type DraftOperation, type DraftView } from '../../api/drafts.ts';
import type { DocumentDetail } from '../../api/types.ts';
import type { SourceFocus } from '../../components/intake/SourceText.tsx';
import { expandTo, indexTree, parentIds, type Indexed } from '../../components/intake/tree-index.ts';
import type { PaneKey } from '../../components/intake/TwoPane.tsx';
import { useStableCallback } from '../../components/intake/useStableCallback.ts';
import { useI18n } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';
import type { SplitTarget } from './SplitModal.tsx';

const TASK_KINDS: ReadonlySet<string> = new Set(['task', 'subtask', 'manual']);

export interface DraftReviewInput {
  view: DraftView;
  doc: DocumentDetail;
  phone: boolean;
  onFocus(focus: SourceFocus): void;
  onPane(pane: PaneKey): void;
}

export function useDraftReview({ view, doc, phone, onFocus, onPane }: DraftReviewInput) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const edit = useEditDraft(view.draft.id);
  const tree = view.draft.tree;
  const index = useMemo(() => indexTree<DraftNode>(tree, (n) => n.id), [tree]);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [splitting, setSplitting] = useState<SplitTarget | null>(null);
  const [lastOffset, setLastOffset] = useState<number | null>(null);
  const [range, setRange] = useState<Span | null>(null);
  const [treeFocus, setTreeFocus] = useState(0);
  // At first only the branches holding work are open: the exhortations and outcomes left out stay folded, as context.
  const expandedKeys = expanded ?? parentIds(index.order).filter((id) => index.byId.get(id)!.node.children.some((c) => c.included));
  const busy = edit.isPending;

  // Ticks and the selection may name nodes a merge, a delete or someone else's edit removed.
  const liveTicked = ticked.filter((id) => index.byId.has(id));
  const selected = selectedId ? index.byId.get(selectedId) : undefined;
  const targets: Indexed<DraftNode>[] = liveTicked.length
    ? liveTicked.map((id) => index.byId.get(id)!)
    : selected ? [selected] : [];

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

  const split = (at: number) => {
    const id = splitting?.id;
    if (!id) return;
    run([{ op: 'split', id, at }], () => setSplitting(null));
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

  return {
    index, busy, selectedId, liveTicked, targets, expandedKeys, renamingId, splitting, lastOffset, range, treeFocus,
    setTicked, setExpanded, setRenamingId, setSplitting, setRange,
    select, pick, rename, drop, update, remove, merge, add, split, take, acceptSuggestions, tickAllTasks,
  };
}
