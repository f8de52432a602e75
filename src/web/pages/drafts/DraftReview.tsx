/**
 * The two panes of the review screen: the source text with the spans of the draft's items (left-out ones dimmed),
 * and the editable tree (tick for bulk edits, drag to re-parent, double-click to rename). Clicking either side
 * shows the same item on the other. The state and the edits are `useDraftReview`'s; this draws them.
 */
import { Empty, Tree, theme } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import type { DraftNodeView as DraftNode, DraftView } from '../../api/drafts.ts';
import type { DocumentDetail, Unit } from '../../api/types.ts';
import { GUIDANCE_KINDS } from '../../components/intake/kinds.tsx';
import { NodeTitle } from '../../components/intake/NodeTitle.tsx';
import { SourceText, type SourceFocus, type SourceMark } from '../../components/intake/SourceText.tsx';
import { scrollToCentre } from '../../components/intake/scroll.ts';
import { TwoPane, type PaneKey } from '../../components/intake/TwoPane.tsx';
import { useI18n } from '../../i18n/index.ts';
import { DraftToolbar } from './DraftToolbar.tsx';
import { RenamableTitle, RenamingContext, type Renaming } from './RenamableTitle.tsx';
import { SplitModal } from './SplitModal.tsx';
import { useDraftReview } from './useDraftReview.ts';

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

export function DraftReview({ view, doc, units, phone, focus, onFocus, pane, onPane }: DraftReviewProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const tree = view.draft.tree;
  const lang = doc.script === 'hant' ? 'zh-Hant' : 'zh-Hans';
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const review = useDraftReview({ view, doc, phone, onFocus, onPane });
  const { index, busy, selectedId, liveTicked, targets, expandedKeys, renamingId, setRenamingId, splitting, lastOffset, range, treeFocus, take, rename } = review;
  const treeRef = useRef<HTMLDivElement>(null);

  const marks = useMemo<SourceMark[]>(
    () => index.order.filter((e) => e.node.span).map((e) => ({ id: e.id, span: e.node.span!, dim: !e.node.included, guidance: GUIDANCE_KINDS.has(e.node.kind) })),
    [index],
  );
  const uncovered = useMemo(() => view.coverage.uncovered.map((u) => u.span), [view.coverage]);

  useEffect(() => {
    if (!treeFocus || !selectedId) return;
    scrollToCentre(treeRef.current?.querySelector(`[data-node-id="${CSS.escape(selectedId)}"]`));
  }, [treeFocus, selectedId]);

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
  const renaming = useMemo<Renaming>(() => ({ id: renamingId, start: setRenamingId, done: rename }), [renamingId, setRenamingId, rename]);

  const source = (
    <SourceText
      text={doc.displayText}
      marks={marks}
      selectedId={selectedId}
      uncovered={uncovered}
      focus={focus}
      lang={lang}
      ariaLabel={t('intake.pane.source')}
      onPick={review.pick}
      onSelectRange={review.setRange}
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
          onUpdate={review.update}
          onRename={() => single && setRenamingId(single.id)}
          onSplit={() => single?.node.span && review.setSplitting({ id: single.id, title: single.node.title, span: single.node.span })}
          onMerge={review.merge}
          onDelete={review.remove}
          onAdd={review.add}
          onClearTicks={() => review.setTicked([])}
          onAcceptSuggestions={review.acceptSuggestions}
          onTickAllTasks={review.tickAllTasks}
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
          onDrop={review.drop}
          checkedKeys={{ checked: liveTicked, halfChecked: [] }}
          onCheck={(keys) => review.setTicked((Array.isArray(keys) ? keys : keys.checked).map(String))}
          expandedKeys={expandedKeys}
          onExpand={(keys) => review.setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => review.select(keys[0] === undefined ? null : String(keys[0]), false)}
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
        onCancel={() => review.setSplitting(null)}
        onSplit={review.split}
      />
    </RenamingContext.Provider>
  );
}
