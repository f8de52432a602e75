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

// The reference communiqué, asserted exactly: [title, start, end, class, key points]. Clause rule: inside a work
// area every clause (split at ，；。 outside quotes and brackets) is a commitment, except that 以……为牵引-style means
// join the clause they lead into; a deployment naming the object of the one before it becomes its key point.
const EXPECTED_ENUMERATED = [
  { label: '一要', kind: 'principle', title: '堅持穩中求進、以進促穩、先立后破', span: [1895,1999], tasks: [
    ] },
  { label: '二要', kind: 'principle', title: '堅持系統觀念、統籌方法', span: [1999,2070], tasks: [
    ] },
  { label: '三要', kind: 'principle', title: '堅持底線思維、增強憂患意識', span: [2070,2157], tasks: [
    ] },
  { label: '一要', kind: 'area', title: '以科技創新引領現代化產業體系建設,加快產業轉型“闖關”', span: [2240,2407], tasks: [
      ['持續推進武漢具有全國影響力的科技創新中心建設', 2270, 2304, 'deployment', ['以科技創新推動產業創新']],
      ['大力推進新型工業化', 2305, 2314, 'deployment', []],
      ['加快傳統產業轉型升級', 2315, 2348, 'deployment', ['加快戰略性新興產業發展壯大', '積極部署未來產業']],
      ['大力發展數字經濟和人工智能', 2349, 2362, 'deployment', []],
      ['構建體現武漢特色和優勢的現代化產業體系', 2363, 2382, 'deployment', []],
      ['積極開辟發展新領域新賽道', 2383, 2395, 'deployment', []],
      ['塑造發展新動能新優勢', 2396, 2406, 'outcome', []],
    ] },
  { label: '二要', kind: 'area', title: '著力擴大有效需求,形成消費和投資相互促進的良性循環', span: [2407,2552], tasks: [
      ['加快建設國際消費中心城市', 2435, 2482, 'deployment', ['穩定和擴大傳統消費', '提振大宗消費', '培育新型消費', '努力激發有潛能的消費']],
      ['加強項目策劃', 2483, 2489, 'deployment', []],
      ['完善投融資機制', 2490, 2497, 'deployment', []],
      ['提升投資有效性', 2498, 2516, 'deployment', ['全力擴大有效益的投資']],
      ['堅持招大引強和培育中小企業相結合', 2517, 2533, 'deployment', []],
      ['提升招商引資效益', 2534, 2542, 'deployment', []],
      ['加快項目落地轉化', 2543, 2551, 'deployment', []],
    ] },
  { label: '三要', kind: 'area', title: '統籌推進深層次改革和高水平開放,不斷增強發展內生動力', span: [2552,2684], tasks: [
      ['正確處理好政府和市場、國企和民企、財政與金融等關系', 2581, 2606, 'requirement', []],
      ['以重點領域改革為牽引,全面推進各領域體制機制創新', 2607, 2631, 'deployment', []],
      ['加快提升城市樞紐功能、發展樞紐經濟', 2632, 2649, 'deployment', []],
      ['培育外貿新動能', 2650, 2657, 'deployment', []],
      ['建設國內國際雙循環的樞紐', 2658, 2670, 'deployment', []],
      ['打造新時代內陸開放新高地', 2671, 2683, 'deployment', []],
    ] },
  { label: '四要', kind: 'area', title: '堅持城市和產業“雙集中”,推動城鄉融合、區域協調發展', span: [2684,2853], tasks: [
      ['優化多中心、組團式空間布局', 2713, 2726, 'deployment', []],
      ['深入實施城市更新行動', 2727, 2737, 'deployment', []],
      ['推動城市發展方式由規模擴張向內涵提升轉變', 2738, 2758, 'deployment', []],
      ['以產業鏈為紐帶、以園區為載體,推動產業集群集聚發展', 2759, 2784, 'deployment', []],
      ['學習運用“千萬工程”經驗,全面推進鄉村振興', 2785, 2806, 'deployment', []],
      ['高標準建設武漢新城、長江新區、軍山新城', 2807, 2826, 'deployment', []],
      ['持續推進以武鄂黃黃為核心的武漢都市圈同城一體化發展', 2827, 2852, 'deployment', []],
    ] },
  { label: '五要', kind: 'area', title: '加快推動發展方式綠色低碳轉型,建設人與自然和諧共生的美麗武漢', span: [2853,2970], tasks: [
      ['深入推進長江大保護', 2886, 2895, 'deployment', []],
      ['確保“一江碧水向東流”', 2896, 2907, 'outcome', []],
      ['持續提升城市生態品質', 2908, 2931, 'deployment', ['著力打造世界濱水生態名城']],
      ['加快推進綠色低碳發展', 2932, 2942, 'deployment', []],
      ['堅定不移走生產發展、生活富裕、生態良好的文明發展道路', 2943, 2969, 'requirement', []],
    ] },
  { label: '六要', kind: 'area', title: '全方位守住安全底線,推動高質量發展與高水平安全良性互動', span: [2970,3118], tasks: [
      ['深入實施流域綜合治理和統籌發展規劃綱要', 3000, 3019, 'deployment', []],
      ['堅決守住流域安全底線', 3020, 3030, 'deployment', []],
      ['堅決扛起糧食安全政治責任', 3031, 3043, 'deployment', []],
      ['持續有效防范化解重點領域風險', 3044, 3058, 'deployment', []],
      ['兜住兜準兜牢民生底線', 3059, 3069, 'deployment', []],
      ['統籌做好就業、社保、教育、醫療、住房、養老、扶幼等各方面工作', 3070, 3100, 'deployment', []],
      ['推動發展和安全動態平衡、相得益彰', 3101, 3117, 'outcome', []],
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
      .map((i) => ({ label: i.label, kind: i.kind, title: i.title, span: i.span, tasks: i.children.map((c) => [c.title, c.span[0], c.span[1], c.class, c.keyPoints.map((k) => k.text)]) }));
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

  it('reports coverage of the sentences that hold a deployment', () => {
    expect(d.coverage.directiveSentences).toBe(17);
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

/** Titles of the tasks a draft includes by default: new deployments (see draftFromDecomposition). */
function deployments(items: DecomposedItem[]): string[] {
  const out: string[] = [];
  walk(items, (it) => {
    if ((it.kind === 'task' || it.kind === 'subtask') && it.class === 'deployment' && !it.restatement) out.push(it.title);
  });
  return out;
}

describe('decompose: which clauses are work (the reference communiqué)', () => {
  const d = decompose(REFERENCE);
  const areas = d.items.filter((i) => i.kind === 'area');
  const yearEnd = d.items.find((i) => i.title === '會議要求');

  it('gives 30–45 tasks in the six work areas, one per deployment', () => {
    const n = areas.flatMap((a) => deployments(a.children)).length;
    expect(n).toBeGreaterThanOrEqual(30);
    expect(n).toBeLessThanOrEqual(45);
  });

  it('includes the year-end tasks of the unlabelled 會議要求 paragraph', () => {
    expect(deployments(yearEnd?.children ?? [])).toEqual([
      '切實保障好市民群眾生活',
      '關心困難群眾生產生活',
      '保障農民工工資按時足額發放',
      '加強水電氣運保障和重要民生商品保供穩價',
      '抓好安全生產、防災減災、社會治安綜合治理等工作',
    ]);
    expect(yearEnd?.children[0]).toMatchObject({ title: '做好歲末年初各項工作', class: 'requirement' });
  });

  it('keeps exhortations and outcomes as context with their class and the cue that decided', () => {
    const all = new Map<string, DecomposedItem>();
    walk(d.items, (it) => all.set(it.title, it));
    for (const [title, cls] of [
      ['正視困難和問題', 'requirement'],
      ['堅定信心和決心', 'requirement'],
      ['擔當主力軍', 'requirement'],
      ['胸懷“國之大者”', 'requirement'],
      ['深入學習領會習近平經濟思想', 'requirement'],
      ['正確處理好政府和市場、國企和民企、財政與金融等關系', 'requirement'],
      ['塑造發展新動能新優勢', 'outcome'],
      ['推動發展和安全動態平衡、相得益彰', 'outcome'],
      ['全力維護社會大局穩定', 'outcome'],
    ] as const) {
      expect(all.get(title)?.class, title).toBe(cls);
      expect(all.get(title)?.classCue, title).toBeTruthy();
    }
    expect(all.get('正視困難和問題')?.classCue).toBe('正視');
    // A call (全會號召) names its cue in the document's own script.
    expect(all.get('擔當主力軍')?.classCue).toBe('號召');
    const work = deployments(d.items);
    for (const slogan of ['正視困難和問題', '堅定信心和決心', '擔當主力軍', '塑造發展新動能新優勢', '不斷增強人民群眾獲得感幸福感安全感']) {
      expect(work).not.toContain(slogan);
    }
  });

  it('folds clauses that elaborate a deployment into its key points, with their spans', () => {
    const consumption = areas[1]?.children[0];
    expect(consumption?.title).toBe('加快建設國際消費中心城市');
    expect(consumption?.keyPoints.map((k) => k.text)).toEqual(['穩定和擴大傳統消費', '提振大宗消費', '培育新型消費', '努力激發有潛能的消費']);
    for (const k of consumption?.keyPoints ?? []) expect(REFERENCE.slice(k.span[0], k.span[1])).toBe(k.text);
    // Broad words (安全) do not make two works one: 粮食安全 is not the 流域安全底线.
    expect(deployments(areas[5]?.children ?? [])).toContain('堅決扛起糧食安全政治責任');
  });

  it('marks the paragraph that sums up the work areas as a restatement, naming the areas it repeats', () => {
    const summary = d.items.find((i) => i.kind === 'paragraph' && i.restatement);
    expect(summary?.title).toBe('全會強調');
    const industrialisation = summary?.children.find((c) => c.title === '堅持大力推進新型工業化');
    expect(industrialisation?.repeats).toEqual({ label: '一要', title: areas[0]?.title });
    expect(deployments(summary?.children ?? [])).toEqual([]);
  });

  it('plans next year: the communiqué of 2023-12-28 dates 年底前 to 2024-12-31', () => {
    expect(d.document.planningYear).toBe(2024);
    const text = REFERENCE.replace('做好歲末年初各項工作', '年底前完成歲末年初各項工作');
    const yearEndTask = decompose(text).items.find((i) => i.title === '會議要求')?.children[0];
    expect(yearEndTask?.deadline).toBe('2024-12-31');
  });
});

describe('decompose: appendices and the glossary', () => {
  const text = fixture('work-report-with-appendices.txt');
  const d = decompose(text);

  it('decomposes a list of livelihood projects into tasks with their targets, in its own branch', () => {
    const [projects, terms] = d.appendices;
    expect(projects?.title).toBe('附件1 2026年市十件民生实事');
    expect(projects?.items.map((i) => i.label)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、', '十、']);
    expect(projects?.items[0]).toMatchObject({ kind: 'task', class: 'deployment', title: '新建改扩建公办幼儿园20所，新增普惠性学位6000个' });
    expect(projects?.items[0]?.targets.map((t) => [t.value, t.unit])).toEqual([[20, '所'], [6000, '个']]);
    expect(terms?.items).toEqual([]);
    expectExactSpans(text, { ...d, items: projects?.items ?? [] });
  });

  it('reads 名词解释 as the glossary: term, definition, span — never tasks', () => {
    expect(d.glossary.map((g) => g.term)).toEqual(['新质生产力', '专精特新', '口袋公园']);
    const park = d.glossary[2];
    expect(park?.definition).toContain('一般面积在400至10000平方米之间');
    expect(text.slice(park?.span[0], park?.span[1])).toContain('3.口袋公园：');
    expect(deployments(d.items).join()).not.toContain('新质生产力：');
  });

  it('folds a clause that only dates or measures the work before it into that task', () => {
    const consumption = d.items[0]?.children[0]?.children[0];
    expect(consumption).toMatchObject({ title: '加快建设区域消费中心城市', deadline: '2026-12-31' });
    expect(consumption?.keyPoints.map((k) => k.text)).toEqual(['年底前新开业品牌首店30家以上']);
    expect(consumption?.targets.map((t) => t.value)).toEqual([30]);
  });

  it('reads a January work report as planning its own year', () => {
    expect(d.document.planningYear).toBe(2026);
  });
});
