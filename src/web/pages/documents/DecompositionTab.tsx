/**
 * 分解: the automatic decomposition beside the source text. Every item's span is highlighted; clicking an item
 * scrolls the text to it, clicking the text selects the item. Below: coverage, formulations (提法), appendices.
 */
import { Alert, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useDecomposition, useDocumentText, type DecomposedItem, type Decomposition, type GlossaryEntry, type Span } from '../../api/documents.ts';
import type { DocumentDetail } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CoverageMeter } from '../../components/intake/CoverageMeter.tsx';
import { GUIDANCE_KINDS, KindTag, type NodeKind } from '../../components/intake/kinds.tsx';
import { NodeTitle } from '../../components/intake/NodeTitle.tsx';
import { SourceText, type SourceFocus, type SourceMark, type SourceNote } from '../../components/intake/SourceText.tsx';
import { scrollToCentre } from '../../components/intake/scroll.ts';
import { expandTo, indexTree, parentIds } from '../../components/intake/tree-index.ts';
import { TwoPane, type PaneKey } from '../../components/intake/TwoPane.tsx';
import { useStableCallback } from '../../components/intake/useStableCallback.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useI18n } from '../../i18n/index.ts';

type ScriptView = 'original' | 'hans' | 'hant';

/** 原文 / 简体 / 繁體: the server converts the text (`GET /api/v1/documents/:id/text?script=`). */
export function ScriptToggle({ value, onChange }: { value: ScriptView; onChange(v: ScriptView): void }) {
  const { t } = useI18n();
  return (
    <Segmented<ScriptView>
      size="small"
      value={value}
      onChange={onChange}
      aria-label={t('intake.script.label')}
      options={[
        { value: 'original', label: t('intake.script.original') },
        { value: 'hans', label: <span lang="zh-Hans">{t('intake.script.hans')}</span> },
        { value: 'hant', label: <span lang="zh-Hant">{t('intake.script.hant')}</span> },
      ]}
    />
  );
}

/**
 * The text to show for the chosen script: the server's conversion when its offsets are those of the original (so
 * every span and highlight still fits), else the original with a note. While the conversion loads, the original.
 */
function useScriptView(doc: DocumentDetail, view: ScriptView) {
  const converted = useDocumentText(doc.id, view === 'original' ? null : view);
  const own = doc.script === 'hant' ? 'zh-Hant' : 'zh-Hans';
  const retry = () => void converted.refetch();
  if (view === 'original' || !converted.data) {
    return { text: doc.displayText, lang: own, loading: view !== 'original' && converted.isPending, error: converted.error, unaligned: false, retry };
  }
  if (!converted.data.aligned) return { text: doc.displayText, lang: own, loading: false, error: null, unaligned: true, retry };
  return { text: converted.data.text, lang: view === 'hant' ? 'zh-Hant' : 'zh-Hans', loading: false, error: null, unaligned: false, retry };
}

/** Said when the converted text does not line up with the original (or could not be fetched) and the original shows. */
export function ScriptNote({ unaligned, loading, error, onRetry }: { unaligned: boolean; loading: boolean; error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  if (loading) return <Flex justify="center" style={{ marginBottom: 12 }}><Spin size="small" /></Flex>;
  if (error) return <div style={{ marginBottom: 12 }}><ErrorAlert error={error} onRetry={onRetry} /></div>;
  if (!unaligned) return null;
  return <Alert type="info" showIcon title={t('intake.script.unavailable')} style={{ marginBottom: 12 }} />;
}

function withAppendices(d: Decomposition | undefined): DecomposedItem[] {
  if (!d) return [];
  const branches: DecomposedItem[] = (d.appendices ?? []).filter((a) => a.items?.length).map((a) => ({
    label: null, kind: 'area', title: a.title, span: a.span, children: a.items, tags: [], targets: [], deadline: null, deadlineText: null,
    places: [], bodies: [], class: null, classCue: null, keyPoints: [], restatement: false, repeats: null,
  }));
  return [...d.items, ...branches];
}

/** Every occurrence of a glossary term in the text (its own entry aside), with the explanation as the note. */
function glossaryNotes(text: string, glossary: readonly GlossaryEntry[]): SourceNote[] {
  const notes: SourceNote[] = [];
  for (const g of glossary) {
    if (!g.term) continue;
    for (let at = text.indexOf(g.term); at >= 0; at = text.indexOf(g.term, at + g.term.length)) {
      if (at >= g.span[0] && at < g.span[1]) continue;
      notes.push({ span: [at, at + g.term.length], title: `${g.term}：${g.definition}` });
    }
  }
  return notes;
}

export function DecompositionTab({ doc }: { doc: DocumentDetail }) {
  const { t, formatNumber } = useI18n();
  const decomposition = useDecomposition(doc.id);
  const phone = usePhone();
  const lang = doc.script === 'hant' ? 'zh-Hant' : 'zh-Hans';

  // Appendices that list work (附件1 十件民生实事) show as branches of their own after the body's items.
  const items = useMemo(() => withAppendices(decomposition.data), [decomposition.data]);
  const index = useMemo(() => indexTree<DecomposedItem>(items, (_, p) => p), [items]);
  const notes = useMemo(() => glossaryNotes(doc.displayText, decomposition.data?.glossary ?? []), [doc.displayText, decomposition.data]);
  const [pane, setPane] = useState<PaneKey>('structure');
  const [view, setView] = useState<ScriptView>('original');
  const shown = useScriptView(doc, view);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focus, setFocus] = useState<SourceFocus | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [treeFocus, setTreeFocus] = useState(0);
  const cursor = useRef(new Map<string, number>());
  const treeRef = useRef<HTMLDivElement>(null);
  const expandedKeys = expanded ?? parentIds(index.order);

  const marks = useMemo<SourceMark[]>(
    () => index.order.map((e) => ({ id: e.id, span: e.node.span, guidance: GUIDANCE_KINDS.has(e.node.kind) })),
    [index],
  );
  const uncovered = useMemo(() => decomposition.data?.coverage.uncovered.map((u) => u.span) ?? [], [decomposition.data]);

  // After a click in the text, bring the chosen item into view in the tree.
  useEffect(() => {
    if (!treeFocus || !selectedId) return;
    scrollToCentre(treeRef.current?.querySelector(`[data-node-id="${CSS.escape(selectedId)}"]`));
  }, [treeFocus, selectedId]);

  const jump = (span: Span) => {
    setFocus({ span, nonce: Date.now() });
    if (phone) setPane('source');
  };

  const pick = useStableCallback(({ id }: { id: string | null }) => {
    if (!id) return;
    setSelectedId(id);
    setExpanded(expandTo(expandedKeys, index.byId.get(id)));
    setTreeFocus((n) => n + 1);
    if (phone) setPane('structure');
  });

  const treeData = useMemo(() => {
    const toNode = (item: DecomposedItem, path: string): TreeDataNode => ({
      key: path,
      title: (
        <NodeTitle
          id={path} kind={item.kind} label={item.label} title={item.title} tags={item.tags} targets={item.targets} deadline={item.deadline} lang={lang}
          nodeClass={{ class: item.class ?? null, cue: item.classCue ?? null, restatement: item.restatement ?? false, repeats: item.repeats?.label ?? null }}
          keyPoints={(item.keyPoints ?? []).map((k) => k.text)}
        />
      ),
      children: item.children.map((c, i) => toNode(c, `${path}.${i}`)),
    });
    return items.map((item, i) => toNode(item, String(i)));
  }, [items, lang]);

  const kindCounts = useMemo(() => {
    const counts = new Map<NodeKind, number>();
    for (const e of index.order) counts.set(e.node.kind, (counts.get(e.node.kind) ?? 0) + 1);
    return [...counts.entries()];
  }, [index]);

  if (decomposition.isError) return <ErrorAlert error={decomposition.error} onRetry={() => void decomposition.refetch()} />;
  if (decomposition.isPending) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  const d = decomposition.data;

  const source = (
    <>
      <ScriptNote unaligned={shown.unaligned} loading={shown.loading} error={shown.error} onRetry={shown.retry} />
      <SourceText
        text={shown.text}
        marks={marks}
        selectedId={selectedId}
        uncovered={uncovered}
        notes={notes}
        focus={focus}
        lang={shown.lang}
        ariaLabel={t('intake.pane.source')}
        onPick={pick}
      />
    </>
  );

  const structure = treeData.length ? (
    <div ref={treeRef} style={{ padding: phone ? 0 : 8 }}>
      <Tree
        treeData={treeData}
        blockNode
        showLine
        aria-label={t('intake.pane.structure')}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => {
          const id = keys[0] === undefined ? null : String(keys[0]);
          setSelectedId(id);
          const entry = id ? index.byId.get(id) : undefined;
          if (entry) jump(entry.node.span);
        }}
      />
    </div>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.decomposition.empty')} />
  );

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={24} wrap align="flex-start" justify="space-between">
          <Flex vertical gap={6} style={{ minWidth: 0 }}>
            <Typography.Text strong>{t('intake.decomposition.found', { count: formatNumber(index.order.length) })}</Typography.Text>
            <Flex gap={4} wrap aria-label={t('intake.decomposition.byKind')}>
              {kindCounts.map(([kind, n]) => (
                <span key={kind}><KindTag kind={kind} /><Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>{formatNumber(n)}</Typography.Text></span>
              ))}
            </Flex>
          </Flex>
          <div style={{ flex: '1 1 320px', maxWidth: 560 }}>
            <CoverageMeter coverage={d.coverage} onJump={jump} listOpen />
          </div>
        </Flex>
      </Card>
      <TwoPane
        phone={phone}
        tab={pane}
        onTabChange={setPane}
        sourceTitle={<ScriptToggle value={view} onChange={setView} />}
        structureTitle={t('intake.pane.structure')}
        source={source}
        structure={structure}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('intake.formulations.title')}>
            {d.formulations.length ? (
              <Flex gap={6} wrap>
                {d.formulations.map((f) => (
                  <Tag
                    key={f.key}
                    color={f.kind === 'quoted' ? 'red' : f.kind === 'numbered' ? 'gold' : undefined}
                    title={t('intake.formulations.hint')}
                    style={{ cursor: 'pointer', fontSize: 14, padding: '2px 8px' }}
                    lang={lang}
                    onClick={() => {
                      // Each click shows the next occurrence.
                      const i = cursor.current.get(f.key) ?? 0;
                      cursor.current.set(f.key, (i + 1) % f.spans.length);
                      const span = f.spans[i];
                      if (span) jump(span);
                    }}
                  >
                    {f.text} <Typography.Text type="secondary">×{f.count}</Typography.Text>
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('intake.formulations.none')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          {d.glossary?.length ? (
            <Card size="small" title={t('programme.glossary.title')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('programme.glossary.hint')}</Typography.Paragraph>
              <dl style={{ margin: 0 }} lang={lang}>
                {d.glossary.map((g) => (
                  <div key={g.span[0]} style={{ marginBottom: 6 }}>
                    <dt style={{ display: 'inline', fontWeight: 600 }}><Typography.Link onClick={() => jump(g.span)}>{g.term}</Typography.Link></dt>
                    <dd style={{ display: 'inline', margin: 0 }}>：{g.definition}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          ) : null}
          <Card size="small" title={t('intake.appendices.title')}>
            {d.appendices.length ? (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {d.appendices.map((a) => (
                  <li key={a.span[0]}><Typography.Link lang={lang} onClick={() => jump(a.span)}>{a.title}</Typography.Link></li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="secondary">{t('intake.appendices.none')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
