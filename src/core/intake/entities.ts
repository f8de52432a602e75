/**
 * Places and bodies named in a clause. Without word segmentation the left edge of a name is guessed from the
 * punctuation or a common verb before it, so this finds names such as 武汉新城, 长江新区, 北京证券交易所 and
 * misses names not followed by a place or body suffix. Good enough to pre-fill a review form, not to rely on.
 */

const PROVINCES =
  '北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾';
const REGIONS = '京津冀|长三角|粤港澳大湾区|长江经济带|黄河流域|成渝地区|雄安新区|长江|黄河';
const BOUNDARY = '(?<=^|[、，；：。（“的和与及在到对向]|建设|推进|打造|支持|服务|推动|实施|加快|融入|加强|优化|深化|提升|完善)';
// A one-character suffix must end the word: 市场, 市民, 省委, 县城 are not places.
const PLACE_SUFFIX = '新区|新城|都市圈|经济带|城市群|自贸区|高新区|开发区|科学城|综保区|(?:省|市|县)(?![场民委政级属区县内外里容值域城份略会辖直长])';
const BODY_SUFFIX = '委员会|人民政府|办公厅|集团|交易所|银行|研究院|管委会|大学|医院|实验室';
const BODIES =
  '党中央|国务院|中共中央|全国人大|全国政协|中央军委|市委常委会|省委常委会|市委|市政府|省委|省政府|区委|区政府|县委|县政府|市人大|市政协|人大常委会';

// The suffixed form is tried first so that 长江新区 is not cut to 长江.
const PLACE_RE = new RegExp(`${BOUNDARY}[\\u4e00-\\u9fff]{2,6}?(?:${PLACE_SUFFIX})|(?:${REGIONS}|${PROVINCES})`, 'gu');
const BODY_RE = new RegExp(`${BOUNDARY}[\\u4e00-\\u9fff]{2,10}?(?:${BODY_SUFFIX})|${BODIES}`, 'gu');
const INNER_BOUNDARY = /^.*(?:[、，；：。（“的和与及在到对向是要等把将]|建设|推进|打造|支持|服务|推动|实施|加快|融入|加强|优化|深化|提升|完善|开展|完成|回应|促进|组建|建强|加速|办好|发展|保障|面向|围绕|依托|全国|全省|全市|上)/u;
const SUFFIX_AT_END = new RegExp(`(?:${'新区|新城|都市圈|经济带|城市群|自贸区|高新区|开发区|科学城|综保区|省|市|县'}|${'委员会|人民政府|办公厅|集团|交易所|银行|研究院|管委会|大学|医院|实验室'})$`, 'u');
const GENERIC = /(城市|全市|本市|我市|各市|全省|全县|市县|城市群|超大|特大|大城市|各地|中心城)$|^(全面|各级|有关|相关|重点|一批|更多|加快|持续|深入|进一步|以)/u;

export interface NameHit {
  /** Simplified form, for de-duplication. */
  key: string;
  start: number;
  end: number;
}

function collect(re: RegExp, text: string, start: number, end: number): NameHit[] {
  const byKey = new Map<string, NameHit>();
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(re)) {
    const key = m[0];
    if (GENERIC.test(key) || byKey.has(key)) continue;
    const at = start + (m.index ?? 0);
    byKey.set(key, { key, start: at, end: at + key.length });
  }
  const hits = [...byKey.values()];
  // Drop a name contained in a longer one found in the same range (长江 inside 长江新区).
  return hits.filter((h) => !hits.some((o) => o !== h && o.key.includes(h.key)));
}

/** Every place and body named in the text, in order, for lookups by range (see namesIn). */
export function indexNames(text: string): { places: NameHit[]; bodies: NameHit[] } {
  const scan = (re: RegExp): NameHit[] => {
    const out: NameHit[] = [];
    for (const m of text.matchAll(re)) {
      // The match starts at the first boundary before the suffix; the name starts after the last one.
      const suffix = SUFFIX_AT_END.exec(m[0])?.[0].length ?? 0;
      const cut = INNER_BOUNDARY.exec(m[0].slice(0, m[0].length - suffix))?.[0].length ?? 0;
      const key = m[0].slice(cut);
      if (key.length < 2 || GENERIC.test(key)) continue;
      const at = (m.index ?? 0) + cut;
      out.push({ key, start: at, end: at + key.length });
    }
    return out;
  };
  return { places: scan(PLACE_RE), bodies: scan(BODY_RE) };
}

/** The distinct names among `hits` that fall inside [start, end), longest form kept. */
export function namesIn(hits: readonly NameHit[], start: number, end: number): NameHit[] {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  const byKey = new Map<string, NameHit>();
  for (let i = lo; i < hits.length; i++) {
    const h = hits[i];
    if (!h || h.start >= end) break;
    if (h.end <= end && !byKey.has(h.key)) byKey.set(h.key, h);
  }
  const found = [...byKey.values()];
  return found.filter((h) => !found.some((o) => o !== h && o.key.includes(h.key)));
}

/** Places named in a range of the analysis copy. */
export function findPlaces(text: string, start: number, end: number): NameHit[] {
  return collect(PLACE_RE, text, start, end);
}

/** Bodies (organisations, institutions) named in a range of the analysis copy. */
export function findBodies(text: string, start: number, end: number): NameHit[] {
  return collect(BODY_RE, text, start, end);
}
