/** Quantitative targets: 地区生产总值增长5%左右, 新建和改造提升农村公路2500公里, 城镇调查失业率控制在5%以内. */
import type { TargetDirection } from './types.ts';

export interface RawTarget {
  start: number;
  end: number;
  metric: string | null;
  value: number;
  valueMax: number | null;
  unit: string;
  direction: TargetDirection;
  trend: 'increase' | 'decrease' | 'maintain' | null;
}

// Longest units first so 万亿元 wins over 亿元 and 个百分点 over 个.
const UNITS = [
  '个百分点', '微克/立方米', '人/百亿元', '万元/人', '元/人', '万千瓦时', '亿千瓦时', '千瓦时', '万千瓦', '平方公里', '平方米', '立方米',
  '公里', '千米', '%', '‰', '亿元', '万元', '元', '亩', '吨', '辆', '个', '家', '项', '套', '张', '台', '处', '栋', '所', '条', '座',
  '户', '人次', '人', '名', '场', '支', '艘', '架', '岁', '倍', '天', '小时', '间', '床', '米', '千瓦', '件', '块', '批', '次', '篇',
];
const MULTIPLIER = '(?:万亿|千亿|百亿|亿|千万|百万|十万|万|千)?';
const NUM = '(\\d+(?:\\.\\d+)?)';
const UNIT_ALT = UNITS.map((u) => u.replace(/[/.]/g, (c) => `\\${c}`)).join('|');
const TARGET = new RegExp(
  `(超过|超|近|约|不低于|不少于|不超过|不高于|低于|高于)?${NUM}(${MULTIPLIER}(?:${UNIT_ALT}))?(?:\\s*[-—–~～至到]\\s*${NUM})?(${MULTIPLIER}(?:${UNIT_ALT}))(左右|以上|以下|以内|之内|上下)?`,
  'gu',
);

const INCREASE = /(增长|增速|增幅|提高|提升|增加|扩大|新增|新建|建设|建成|改造|打造|培育|引进|达到|超过|突破|完成|实现|提供|推出|开通|新开|创建|建立|开展|举办|筹集|竣工|招聘|吸引|带动|发放|加装|打通|拆除|治理|疏解|整治|腾退|种植|造林|植树|新增|扩容)/u;
const DECREASE = /(下降|降低|减少|压减|压降|削减|降至|降到|缩小|缩减|低于)/u;
const MAINTAIN = /(保持|稳定在|维持|持平|稳定)/u;
const BOUND_AT_MOST = /(控制在|不超过|不高于|以内|之内|以下|低于)/u;
const BOUND_AT_LEAST = /(不低于|不少于|超过|以上|达到|达|突破|超)/u;
const BOUND_AROUND = /(左右|上下|约|近)/u;

// A year, an ordinal or a date is not a quantity.
const NOT_AFTER = /^(年|月|日|号|届|次会议|周年|世纪)/u;

function lastMatchIndex(re: RegExp, s: string): number {
  let at = -1;
  const g = new RegExp(re.source, 'gu');
  for (const m of s.matchAll(g)) at = m.index ?? at;
  return at;
}

/**
 * Finds targets in one clause. A count with a unit becomes a target only when the clause asks for a movement
 * (增长, 新建, 控制在 …) or bounds it (左右, 以上, 不少于 …): "设置了29项主要指标" is not a target.
 */
export function findTargets(text: string, start: number, end: number): RawTarget[] {
  const clause = text.slice(start, end);
  const out: RawTarget[] = [];
  for (const m of clause.matchAll(TARGET)) {
    const at = m.index ?? 0;
    const after = clause.slice(at + m[0].length, at + m[0].length + 4);
    if (NOT_AFTER.test(after)) continue;
    const prefix = m[1] ?? '';
    const value = Number(m[2]);
    const unit = m[5] ?? '';
    const valueMax = m[4] !== undefined ? Number(m[4]) : null;
    const suffix = m[6] ?? '';
    const before = clause.slice(Math.max(0, at - 16), at);
    const tail = clause.slice(at + m[0].length, at + m[0].length + 10);
    let trend: RawTarget['trend'] = null;
    const inc = lastMatchIndex(INCREASE, before);
    const dec = lastMatchIndex(DECREASE, before);
    const keep = lastMatchIndex(MAINTAIN, before);
    const best = Math.max(inc, dec, keep);
    if (best >= 0) trend = best === dec ? 'decrease' : best === keep ? 'maintain' : 'increase';
    else if (/^的?(预期)?(增长|增速)/u.test(tail)) trend = 'increase';
    else if (/^的?下降/u.test(tail)) trend = 'decrease';
    const bounds = `${before.slice(-6)}${prefix}${suffix}`;
    let direction: TargetDirection | null = null;
    if (BOUND_AROUND.test(suffix) || BOUND_AROUND.test(prefix)) direction = 'around';
    else if (BOUND_AT_MOST.test(suffix) || BOUND_AT_MOST.test(prefix) || /控制在$|不超过$|不高于$/u.test(bounds)) direction = 'at_most';
    else if (BOUND_AT_LEAST.test(suffix) || BOUND_AT_LEAST.test(prefix) || /(达到|达|不低于|不少于|超过|突破)$/u.test(before)) direction = 'at_least';
    if (!direction && trend === null) continue;
    direction ??= trend ?? 'increase';
    out.push({
      start: start + at,
      end: start + at + m[0].length,
      metric: metricOf(clause, at),
      value,
      valueMax,
      unit,
      direction,
      trend,
    });
  }
  return out;
}

const VERB_SPLIT = new RegExp(`${INCREASE.source}|${DECREASE.source}|${MAINTAIN.source}|控制在|达到|达`, 'gu');

/** The measured thing: the words between the verb and the number, else the words before the verb. */
function metricOf(clause: string, at: number): string | null {
  const head = clause.slice(0, at);
  let verbAt = -1;
  let verbEnd = -1;
  for (const m of head.matchAll(VERB_SPLIT)) {
    verbAt = m.index ?? -1;
    verbEnd = verbAt + m[0].length;
  }
  const clean = (s: string) => s.replace(/^[、，和与及的\s]+|[、，和与及的\s]+$/gu, '').replace(/^(要|并|再|还|力争|努力|确保|全年|今年|明年)+/u, '');
  if (verbAt >= 0) {
    const between = clean(head.slice(verbEnd));
    if (between.length >= 2 && /[\u4e00-\u9fff]/u.test(between)) return between;
    const lead = clean(head.slice(0, verbAt).split(/[，、；：]/u).pop() ?? '');
    return lead.length >= 2 ? lead : null;
  }
  const lead = clean(head.split(/[，、；：]/u).pop() ?? '');
  return lead.length >= 2 ? lead : null;
}
