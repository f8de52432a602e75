import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompose } from './index.ts';
import type { DecomposedItem, Decomposition } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intake/${name}`, import.meta.url), 'utf8');
const REFERENCE = fixture('000_90be646031b961ed.txt');

function walk(items: DecomposedItem[], visit: (it: DecomposedItem, parent: DecomposedItem | null) => void, parent: DecomposedItem | null = null): void {
  for (const it of items) {
    visit(it, parent);
    walk(it.children, visit, it);
  }
}

/** Every span starts at its label, then its title, and lies inside its parent. */
function expectExactSpans(text: string, d: Decomposition): void {
  walk(d.items, (it, parent) => {
    const slice = text.slice(it.span[0], it.span[1]);
    expect(slice.startsWith(it.label ?? ''), `${it.label} ${it.title}`).toBe(true);
    expect(slice.slice((it.label ?? '').length).trimStart().startsWith(it.title), `${it.title} @ ${it.span}`).toBe(true);
    if (parent) {
      expect(it.span[0]).toBeGreaterThanOrEqual(parent.span[0]);
      expect(it.span[1]).toBeLessThanOrEqual(parent.span[1]);
    }
  });
}

// The reference communiqué, asserted exactly. Clause rule: inside a work area every clause (split at ，；。 outside
// quotes and brackets) is a task, except that 以……为牵引-style means join the clause they lead into.
const EXPECTED_ENUMERATED = [
  { label: '一要', kind: 'principle', title: '堅持穩中求進、以進促穩、先立后破', span: [1895,1999], tasks: [

    ] },
  { label: '二要', kind: 'principle', title: '堅持系統觀念、統籌方法', span: [1999,2070], tasks: [

    ] },
  { label: '三要', kind: 'principle', title: '堅持底線思維、增強憂患意識', span: [2070,2157], tasks: [

    ] },
  { label: '一要', kind: 'area', title: '以科技創新引領現代化產業體系建設,加快產業轉型“闖關”', span: [2240,2407], tasks: [
      ['持續推進武漢具有全國影響力的科技創新中心建設', 2270, 2292],
      ['以科技創新推動產業創新', 2293, 2304],
      ['大力推進新型工業化', 2305, 2314],
      ['加快傳統產業轉型升級', 2315, 2325],
      ['加快戰略性新興產業發展壯大', 2326, 2339],
      ['積極部署未來產業', 2340, 2348],
      ['大力發展數字經濟和人工智能', 2349, 2362],
      ['構建體現武漢特色和優勢的現代化產業體系', 2363, 2382],
      ['積極開辟發展新領域新賽道', 2383, 2395],
      ['塑造發展新動能新優勢', 2396, 2406],
    ] },
  { label: '二要', kind: 'area', title: '著力擴大有效需求,形成消費和投資相互促進的良性循環', span: [2407,2552], tasks: [
      ['加快建設國際消費中心城市', 2435, 2447],
      ['穩定和擴大傳統消費', 2448, 2457],
      ['提振大宗消費', 2458, 2464],
      ['培育新型消費', 2465, 2471],
      ['努力激發有潛能的消費', 2472, 2482],
      ['加強項目策劃', 2483, 2489],
      ['完善投融資機制', 2490, 2497],
      ['提升投資有效性', 2498, 2505],
      ['全力擴大有效益的投資', 2506, 2516],
      ['堅持招大引強和培育中小企業相結合', 2517, 2533],
      ['提升招商引資效益', 2534, 2542],
      ['加快項目落地轉化', 2543, 2551],
    ] },
  { label: '三要', kind: 'area', title: '統籌推進深層次改革和高水平開放,不斷增強發展內生動力', span: [2552,2684], tasks: [
      ['正確處理好政府和市場、國企和民企、財政與金融等關系', 2581, 2606],
      ['以重點領域改革為牽引,全面推進各領域體制機制創新', 2607, 2631],
      ['加快提升城市樞紐功能、發展樞紐經濟', 2632, 2649],
      ['培育外貿新動能', 2650, 2657],
      ['建設國內國際雙循環的樞紐', 2658, 2670],
      ['打造新時代內陸開放新高地', 2671, 2683],
    ] },
  { label: '四要', kind: 'area', title: '堅持城市和產業“雙集中”,推動城鄉融合、區域協調發展', span: [2684,2853], tasks: [
      ['優化多中心、組團式空間布局', 2713, 2726],
      ['深入實施城市更新行動', 2727, 2737],
      ['推動城市發展方式由規模擴張向內涵提升轉變', 2738, 2758],
      ['以產業鏈為紐帶、以園區為載體,推動產業集群集聚發展', 2759, 2784],
      ['學習運用“千萬工程”經驗', 2785, 2797],
      ['全面推進鄉村振興', 2798, 2806],
      ['高標準建設武漢新城、長江新區、軍山新城', 2807, 2826],
      ['持續推進以武鄂黃黃為核心的武漢都市圈同城一體化發展', 2827, 2852],
    ] },
  { label: '五要', kind: 'area', title: '加快推動發展方式綠色低碳轉型,建設人與自然和諧共生的美麗武漢', span: [2853,2970], tasks: [
      ['深入推進長江大保護', 2886, 2895],
      ['確保“一江碧水向東流”', 2896, 2907],
      ['持續提升城市生態品質', 2908, 2918],
      ['著力打造世界濱水生態名城', 2919, 2931],
      ['加快推進綠色低碳發展', 2932, 2942],
      ['堅定不移走生產發展、生活富裕、生態良好的文明發展道路', 2943, 2969],
    ] },
  { label: '六要', kind: 'area', title: '全方位守住安全底線,推動高質量發展與高水平安全良性互動', span: [2970,3118], tasks: [
      ['深入實施流域綜合治理和統籌發展規劃綱要', 3000, 3019],
      ['堅決守住流域安全底線', 3020, 3030],
      ['堅決扛起糧食安全政治責任', 3031, 3043],
      ['持續有效防范化解重點領域風險', 3044, 3058],
      ['兜住兜準兜牢民生底線', 3059, 3069],
      ['統籌做好就業、社保、教育、醫療、住房、養老、扶幼等各方面工作', 3070, 3100],
      ['推動發展和安全動態平衡、相得益彰', 3101, 3117],
    ] },
];

const EXPECTED_TOP = [
['paragraph', null, '我們必須更加深刻領悟“兩個確立”的決定性意義'],
['paragraph', null, '要全面辯證分析和把握當前經濟形勢'],
['requirement', null, '總體要求'],
['principle', "一要", '堅持穩中求進、以進促穩、先立后破'],
['principle', "二要", '堅持系統觀念、統籌方法'],
['principle', "三要", '堅持底線思維、增強憂患意識'],
['paragraph', null, '全會提出'],
['area', "一要", '以科技創新引領現代化產業體系建設,加快產業轉型“闖關”'],
['area', "二要", '著力擴大有效需求,形成消費和投資相互促進的良性循環'],
['area', "三要", '統籌推進深層次改革和高水平開放,不斷增強發展內生動力'],
['area', "四要", '堅持城市和產業“雙集中”,推動城鄉融合、區域協調發展'],
['area', "五要", '加快推動發展方式綠色低碳轉型,建設人與自然和諧共生的美麗武漢'],
['area', "六要", '全方位守住安全底線,推動高質量發展與高水平安全良性互動'],
['paragraph', null, '全會強調'],
['paragraph', null, '全會強調'],
['paragraph', null, '會議要求'],
['paragraph', null, '全會號召']
];

describe('decompose: the reference communiqué', () => {
  const d = decompose(REFERENCE);

  it('reads the document facts', () => {
    expect(d.document).toMatchObject({
      title: '中國共產黨武漢市第十四屆委員會第六次全體會議公報',
      issuer: '中國共產黨武漢市第十四屆委員會',
      date: '2023-12-28',
      script: 'hant',
      length: REFERENCE.length,
      meeting: { members: 62, alternates: 9 },
    });
  });

  it('yields the top-level items in order', () => {
    expect(d.items.map((i) => [i.kind, i.label, i.title])).toEqual(EXPECTED_TOP);
  });

  it('yields 3 principles and 6 work areas with their exact tasks and spans', () => {
    const got = d.items
      .filter((i) => i.kind === 'principle' || i.kind === 'area')
      .map((i) => ({ label: i.label, kind: i.kind, title: i.title, span: i.span, tasks: i.children.map((c) => [c.title, c.span[0], c.span[1]]) }));
    expect(got).toEqual(EXPECTED_ENUMERATED);
    expect(got.filter((i) => i.kind === 'principle')).toHaveLength(3);
    expect(got.filter((i) => i.kind === 'area')).toHaveLength(6);
    for (const area of d.items.filter((i) => i.kind === 'area')) for (const t of area.children) expect(t.kind).toBe('task');
  });

  it('puts the principles and areas in the paragraphs that announce them', () => {
    const principles = REFERENCE.indexOf('需要把握以下三點。');
    const areas = REFERENCE.indexOf('重點做好以下六個方面工作。');
    for (const p of d.items.filter((i) => i.kind === 'principle')) expect(p.span[0]).toBeGreaterThan(principles);
    for (const a of d.items.filter((i) => i.kind === 'area')) expect(a.span[0]).toBeGreaterThan(areas);
    expect(REFERENCE.slice(d.items.find((i) => i.kind === 'area')?.span[0] ?? 0).startsWith('一要以科技創新引領')).toBe(true);
  });

  it('has exact spans everywhere', () => expectExactSpans(REFERENCE, d));

  it('tags tasks from the taxonomy, in Traditional text too', () => {
    const area1 = d.items.find((i) => i.kind === 'area');
    expect(area1?.tags.slice(0, 2)).toEqual(['产业', '科技创新']);
    const task = d.items.flatMap((i) => i.children).find((t) => t.title.startsWith('統籌做好就業'));
    expect(task?.tags).toEqual(expect.arrayContaining(['就业', '教育', '医疗', '住房', '养老', '托育']));
  });

  it('finds the formulations', () => {
    const keys = d.formulations.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['两个确立', '四个意识', '四个自信', '两个维护', '四化同步', '五个必须', '国之大者', '千万工程']));
    const f = d.formulations.find((x) => x.key === '两个确立');
    expect(f?.text).toBe('兩個確立');
    expect(f?.count).toBe(2);
    for (const s of f?.spans ?? []) expect(REFERENCE.slice(s[0], s[1])).toBe('兩個確立');
  });

  it('reports coverage of directive sentences', () => {
    expect(d.coverage.directiveSentences).toBeGreaterThan(20);
    expect(d.coverage.covered).toBe(d.coverage.directiveSentences);
    expect(d.coverage.uncovered).toEqual([]);
  });

  it('keeps narrative paragraphs out of the tree', () => {
    const spans = d.items.map((i) => i.span);
    const narrative = REFERENCE.indexOf('全會由市委常委會主持');
    const reviewStart = REFERENCE.indexOf('全會指出,今年以來');
    for (const [s, e] of spans) {
      expect(narrative >= s && narrative < e).toBe(false);
      expect(reviewStart >= s && reviewStart < e).toBe(false);
    }
  });
});
