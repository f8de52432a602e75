/**
 * Which clauses are commitments. Policy Chinese has no imperative mood: a clause is directive because of its first
 * words (坚持, 加快, 推进 …), a modal (要, 必须), or because it stands inside an enumerated work area.
 */
import type { Range } from './text-units.ts';
import { countHan } from './text-units.ts';

/** Verbs and adverbs that open a directive clause. Kept narrow: 发展/建设/创新 also open descriptive clauses. */
const LEADS = [
  '坚持', '加快', '推进', '推动', '着力', '深入', '持续', '统筹', '全面', '坚决', '大力', '积极', '扎实', '切实', '不断',
  '加强', '强化', '完善', '健全', '促进', '提升', '提高', '优化', '深化', '扩大', '增强', '构建', '打造', '实施', '落实',
  '培育', '巩固', '确保', '守住', '防范', '严格', '严厉', '全力', '努力', '奋力', '集中', '聚焦', '抓好', '抓住', '狠抓',
  '力争', '加大', '鼓励', '引导', '规范', '探索', '建立', '筑牢', '织密', '兜住', '兜牢', '发挥', '激发', '拓展', '开展',
  '用好', '抓实', '压实', '夯实', '维护', '推行', '塑造', '树立', '弘扬', '贯彻', '进一步', '更好', '更加', '高标准',
  '高质量', '高水平', '精心', '主动', '稳妥', '稳步', '率先', '全方位', '千方百计', '毫不', '始终', '坚定', '牢牢', '把',
  '严控', '严防', '严守', '大兴', '做到', '谋划', '部署', '做优', '做强', '做大', '做实', '办好', '支持', '保障', '保持',
];
const LEAD_RE = new RegExp(`^(?:(?:明年|今年|今后|下一步|同时|此外|为此|对此|因此|还|也|更|并)\\s*)?(?:${LEADS.join('|')})`, 'u');

/** Words that open a title of a heading that asks for action (as opposed to 2025年工作回顾). */
const TITLE_LEAD_RE = new RegExp(`^(?:${LEADS.join('|')}|以|发展|建设|创新|服务|学习|做好|稳定|推进|保护|防治|提振|丰富|繁荣|壮大|开辟|守牢|兜牢|坚守|聚力|共享|优化|下足)`, 'u');

const MODAL_START = /^(?:(?:明年|今年|今后|下一步|同时|此外|还|也|更|都|就|并|首先|其次|最后)\s*)?(要|必须|务必|应当|应该|一定要)/u;
// 要 is a modal unless it is part of a word: 重要 主要 需要 纲要 必要 首要 只要 要求 要素 要点 要件 …
const NOT_MODAL_BEFORE = new Set([...'重主需纲必首只紧摘概提扼显次想将不简']);
const NOT_MODAL_AFTER = new Set([...'求素点件闻害领员务地塞冲义旨职事案款是']);
const COMPARATIVE = new Set([...'多好少大高快强低小差早晚']);

/** True if the clause opens with, or after a short subject contains, a modal: 要, 必须, 务必, 应当. */
export function hasModal(norm: string, c: Range): boolean {
  const s = norm.slice(c.start, Math.min(c.end, c.start + 24));
  if (MODAL_START.test(s)) return true;
  if (/必须|务必|应当/u.test(s)) return true;
  for (let i = 1; i < s.length; i++) {
    if (s[i] !== '要') continue;
    if (NOT_MODAL_BEFORE.has(s[i - 1] ?? '') || NOT_MODAL_AFTER.has(s[i + 1] ?? '')) continue;
    // 比预计的要多: a comparison, not an obligation.
    if (COMPARATIVE.has(s[i + 1] ?? '') && !/[\u4e00-\u9fff]/u.test(s[i + 2] ?? '')) continue;
    return true;
  }
  return false;
}

/** True if the clause opens with a directive lead verb. */
export function hasLead(norm: string, c: Range): boolean {
  return LEAD_RE.test(norm.slice(c.start, Math.min(c.end, c.start + 12)));
}

/** True if a heading title reads as a commitment (深入落实城市总体规划…) rather than a topic (2026年重点工作). */
export function isDirectiveTitle(title: string): boolean {
  // 保障措施, 组织保障, 主要目标: a topic named by a noun, even when its first word can be a verb.
  if (title.length <= 6 && /(措施|要求|目标|任务|原则|思路|意义|安排|举措|分工|保障|机制)$/u.test(title)) return false;
  return TITLE_LEAD_RE.test(title) || /要|必须/u.test(title.slice(0, 8));
}

const SPEECH = /^(?:全会|会议|大会|全体会议|常委会|我们|报告|文件|讲话)?(?:还|进一步|一致|充分|深刻|明确)?(?:强调|指出|提出|要求|认为|号召|明确|决定|审议|听取|同意|通过|表示|希望|肯定|分析|部署|总结|建议|指明)(?:了|指出)?$/u;

/** A clause that only introduces what follows: 全会强调, 会议要求, 重点做好以下六个方面工作, 重点抓好三件事： */
export function isIntroducerClause(norm: string, c: Range): boolean {
  const s = norm.slice(c.start, c.end);
  if (norm[c.end] === '：' && /(以下|如下|[一二三四五六七八九十几两\d]+(件|点|项|个方面|方面|条|类)|工作|任务|举措|重点|包括)/u.test(s)) return true;
  if (SPEECH.test(s)) return true;
  if (/(以下|如下)[^，。；]{0,10}$/u.test(s)) return true;
  if (s.length <= 12 && /(是|为|有)$/u.test(s) && /(要求|目标|任务|举措|重点)/u.test(s)) return true;
  return false;
}

const ACTOR = /^(?:全会|会议|大会|全体会议|市委常委会|省委常委会|常委会|市委|省委|区委|县委|党中央|我们|全市|全省|全区|全县|我市|我省|我区|市政府|省政府|政府|一年来|过去一年)/u;

/** A sentence whose subject is the meeting or the speaker doing something (全会深入学习…) narrates, it does not direct. */
export function isNarrativeOpening(norm: string, c: Range): boolean {
  return ACTOR.test(norm.slice(c.start, c.end)) && !hasModal(norm, c) && !isIntroducerClause(norm, c);
}

const RETRO = /(以来|一年来|过去|这五年|五年来|近年来|回顾|认为|指出|分析|肯定|总结|取得)/u;

/** True if the opening of a paragraph looks back or analyses (全会指出，今年以来, 一致认为): only modals direct there. */
export function isReflectiveOpening(norm: string, start: number, end: number): boolean {
  const head = norm.slice(start, Math.min(end, start + 24));
  const firstTwo = head.split(/[。！？；]/u)[0] ?? '';
  return RETRO.test(firstTwo.split('，').slice(0, 2).join('，'));
}

/** True if a heading or introducer looks back (工作回顾, 主要做了以下工作). */
export function isRetrospectiveTitle(s: string): boolean {
  return /(回顾|成就|成绩|成效|总结|过去|做了|完成了|取得了)/u.test(s) && !/(目标|任务|部署|重点工作|计划|安排|打算)/u.test(s);
}

export type IntroducedKind = 'review' | 'principle' | 'goal' | 'area' | 'requirement';

/** What an introducing sentence announces: 需要把握以下三点 → principle, 重点做好以下六个方面工作 → area. */
export function classifyIntroducer(s: string): IntroducedKind | null {
  if (!s) return null;
  const last = s.split(/[，；]/u).filter(Boolean).pop() ?? s;
  for (const part of [last, s]) {
    if (isRetrospectiveTitle(part)) return 'review';
    if (/(把握|遵循|注意|坚持|处理好)(好)?(以下|如下)|以下[一二三四五六七八九十几两\d]+点|[几一二三四五六七八九十两\d]+点(要求|原则)?[：。]?$|原则[：。]?$|关系[：。]?$/u.test(part)) return 'principle';
    if (/(总体要求|总的要求|指导思想|基本要求)/u.test(part)) return 'requirement';
    if (/(目标|指标)(是|为|如下|包括)?[：。]?$/u.test(part)) return 'goal';
    if (/(方面|重点工作|重点任务|主要任务|任务举措|工作任务|重点举措|主要举措|任务[：。]?$)|(做好|抓好|推进|落实|部署|突出|开展)[^，。]{0,10}工作|以下工作/u.test(part)) return 'area';
  }
  return null;
}

/** A clause that names a means for the next one (以重点领域改革为牵引, 在此基础上) and belongs to it. */
export function isModifierClause(norm: string, c: Range): boolean {
  const s = norm.slice(c.start, c.end).replace(/^(?:明年|今年|同时|还|也|更|并)?(?:要|必须)?/u, '');
  if (/^以[^，]{1,40}为[\u4e00-\u9fff]{1,4}$/u.test(s)) return true;
  if (/^(在|从|按照|根据|对照|围绕|立足|面向|针对|通过|依托)[^，]{0,20}(上|中|下|前|后|方面|期间|基础上|过程中|要求|部署|目标)$/u.test(s)) return true;
  // 学习运用“千万工程”经验，全面推进乡村振兴: the experience is the means of the work that follows.
  if (/^(学习运用|学习借鉴|借鉴|运用|推广)[^，]{1,20}经验$/u.test(s)) return true;
  return false;
}

/** A clause that adds to the previous one (特别是…, 尤其是…, 其中…). */
export function isAddendumClause(norm: string, c: Range): boolean {
  return /^(特别是|尤其是|其中|包括|主要是|重点是)/u.test(norm.slice(c.start, c.end));
}

const FILLER = /^(同时|此外|另外|为此|对此|因此|当前|目前|今年|明年|今后|下一步|总之|总的看|综合起来看|从全局看|具体来说|一方面|另一方面|首先|其次|最后)$/u;

/** A clause that carries no commitment of its own. */
export function isFillerClause(norm: string, c: Range): boolean {
  return FILLER.test(norm.slice(c.start, c.end)) || countHan(norm, c.start, c.end) < 2;
}

const STRIP = /^(?:(?:明年|今年|今后|下一步|同时|此外|还|也|更|并|都|就)\s*)?(?:要|必须|务必|应当|一定要)(?=[\u4e00-\u9fff“])/u;

/** Where a task title starts: after a leading modal (要以科技创新… → 以科技创新…). */
export function titleStart(norm: string, c: Range): number {
  const m = STRIP.exec(norm.slice(c.start, Math.min(c.end, c.start + 10)));
  return m && c.start + m[0].length < c.end - 1 ? c.start + m[0].length : c.start;
}
