/**
 * What a directive clause asks for. Policy documents mix three kinds of clause in one breath:
 *
 * - a **deployment** — an action on an object that a unit can own and report on (加快建设国际消费中心城市);
 * - a **requirement** or attitude — a stance, a way of working, a call to study (正视困难和问题, 坚定信心和决心,
 *   胸怀“国之大者”, 深入学习领会…思想, 坚持系统观念);
 * - an **outcome** — the state the work should bring about (塑造发展新动能新优势, 不断增强人民群众获得感幸福感安全感).
 *
 * Only deployments become tasks by default. The cues below decide, checked in order on the Simplified analysis copy
 * of the clause; the first cue found is reported so the review screen can say why. docs/decomposition.md lists them.
 */

export type ItemClass = 'deployment' | 'requirement' | 'outcome';

export interface ClauseClass {
  class: ItemClass;
  /** The words that decided, or null for a deployment (the default). */
  cue: string | null;
}

// Adverbs and leads that open a clause without changing what it asks for; stripped before the cues that look at
// the verb (深入学习领会 → 学习领会, 切实增强…责任感 → 增强…).
const OPENERS = /^(?:(?:我们|明年|今年|同时|还|也|更|并|都|就|要|必须|务必|始终|坚决|切实|深入|深刻|全面|全力|努力|奋力|不断|持续|进一步|更加|更好|充分|着力|牢牢|自觉|真正|认真|准确|坚定不移|毫不动摇|扎实|大力|积极|主动|持之以恒|一以贯之|高质量)\s*)+/u;

function stripOpeners(s: string): string {
  let prev = '';
  let cur = s;
  while (cur !== prev) {
    prev = cur;
    cur = cur.replace(OPENERS, '');
  }
  return cur || s;
}

/** A cue: a pattern on the clause, and what the reviewer is shown when it decides. */
interface Cue {
  re: RegExp;
  /** Matched against the clause with its openers stripped (true) or as written (false). */
  stripped: boolean;
}

const cue = (re: RegExp, stripped = false): Cue => ({ re, stripped });

/** Outcomes: the result to be reached, not the work that reaches it. */
const OUTCOME: readonly Cue[] = [
  cue(/获得感|幸福感|安全感|满意度/u),
  cue(/新动能新优势|新优势$|新活力$/u),
  cue(/(回升向好|稳中向好|向好)?态势$/u),
  cue(/(取得|见到|展现)?新(的)?(更大)?(成效|成绩|成就|局面|篇章|步伐|突破|进展|贡献)$|更大贡献$|多作贡献$|作出新的更大贡献/u),
  cue(/相得益彰|良性循环$|良性互动$|动态平衡|有机统一/u),
  cue(/质的有效提升|量的合理增长/u),
  cue(/大局(和谐)?稳定$/u),
  cue(/落实落细|见行见效|落地见效|开花结果|可感可及$|看得见摸得着$/u),
  cue(/业绩$|生动实践$|现代化[^，]{0,12}实践$|英雄城市$/u),
  cue(/新发展格局$|发展格局$/u),
  cue(/内生动力$|发展活力$|经济活力$/u),
  cue(/^确保[“「]/u),
  cue(/^(塑造|形成)/u, true),
];

/** Requirements: a stance, a working method, a call to study or to unite — nothing a unit delivers. */
const REQUIREMENT: readonly Cue[] = [
  cue(/^(正视|直面|胸怀|牢记|领悟|学习领会|学懂弄通|理解把握|理解|认清|认识到|把握|分析和把握|辩证分析|团结在|开拓进取|凝心聚力|真抓实干|担当作为|当先锋|打头阵|担当|保持定力|锚定)/u, true),
  cue(/^坚定(信心|决心|信念|理想|拥护|不移|地)?/u, true),
  cue(/^(坚持|贯彻|坚持和加强)[^，]{0,12}(观念|思维|总基调|方针|原则|理念|导向|领导|方法|相统一|两点论|干中学|学中干)$/u, true),
  cue(/干中学|学中干|行家里手|主力军|国之大者|两个确立|两个维护|四个意识|四个自信|对标对表|继往开来|锐意进取/u),
  cue(/(意识|自信|信心|决心|责任感|使命感|使命担当|紧迫感|精神|作风|导向|定力|本领|规律性认识|认识|自己的事情|品格|本色|政绩观|初心)$/u),
  cue(/(的|工作的)能力$/u),
  cue(/^(学习|领会|研究|学习贯彻)[^，]{0,20}(思想|精神|讲话|理论|论述)$/u, true),
  cue(/^(贯彻|落实|贯彻落实|落实好)[^，]{0,16}(决策部署|部署要求|精神|指示|要求)$/u, true),
  cue(/^把[^，]{2,30}作为/u, true),
  cue(/^聚焦[^，]{0,30}(中心工作|首要任务)/u, true),
  cue(/^(处理好|正确处理好|正确处理)[^，]{0,40}关系$/u, true),
  cue(/^走[^，]{0,30}道路$/u, true),
  // 发挥各级党委（党组）总揽全局的作用 asks the leadership to lead; 发挥“一核”辐射带动作用 is work (a deployment).
  cue(/^发挥[^，]{0,12}(党委|党组|党员|干部|党组织)[^，]{0,24}作用$/u, true),
  cue(/^激发[^，]{0,30}(积极性|主动性|创造性)$/u, true),
  cue(/合力$/u),
  cue(/而?(不懈|团结|努力|接续)?奋斗$/u),
  // 做好岁末年初各项工作: an umbrella over the clauses that follow, not work of its own (a list such as
  // 抓好安全生产、防灾减灾等工作 names its work and stays a deployment).
  cue(/^(做好|全力做好|抓好)[^、，]{0,16}(各项|各方面)工作$/u, true),
  cue(/^(提高|提升|增强)政治/u, true),
];

/** Classifies one directive clause (Simplified analysis copy, without its final punctuation). */
export function classifyClause(clause: string): ClauseClass {
  const text = clause.replace(/[，。；：！？、\s]+$/u, '');
  const stripped = stripOpeners(text);
  for (const [cls, cues] of [['outcome', OUTCOME], ['requirement', REQUIREMENT]] as const) {
    for (const c of cues) {
      const m = c.re.exec(c.stripped ? stripped : text);
      if (m) return { class: cls, cue: m[0] || text };
    }
  }
  return { class: 'deployment', cue: null };
}

/** The words that make a paragraph a call (全会号召, 会议希望 …). */
export const CALL = /^(?:全会|会议|大会)?(号召|希望|倡议|呼吁)/u;

/** A sentence that calls on everyone (让我们更加紧密地团结……) — the close of a work report. */
export const SENTENCE_CALL = /^让我们/u;
