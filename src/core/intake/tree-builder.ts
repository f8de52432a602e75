/** Builds the item tree of a document body: containers, enumerations, paragraphs and clauses (see decompose.ts). */
import { CALL, classifyClause, SENTENCE_CALL, type ClauseClass } from './classify.ts';
import {
  classifyIntroducer,
  hasLead,
  hasModal,
  isAddendumClause,
  isDirectiveTitle,
  isFillerClause,
  isIntroducerClause,
  isModifierClause,
  isNarrativeOpening,
  isReflectiveOpening,
  isRetrospectiveTitle,
  titleStart,
} from './directives.ts';
import type { LabelMatch } from './labels.ts';
import { matchInlineLabel } from './labels.ts';
import type { Block, HeadingNode } from './structure.ts';
import { extentEnd, isHeadingNode } from './structure.ts';
import type { TagIndex } from './tags.ts';
import { keywordsIn } from './tags.ts';
import { findTargets } from './targets.ts';
import type { Range } from './text-units.ts';
import { countHan, firstSentence, isTerminator, lastSentence, splitClauses, splitSentences, trimRange } from './text-units.ts';
import type { ItemKind } from './types.ts';

/** Longest title kept whole; a longer first sentence is cut back to its first clause. */
const TITLE_MAX = 40;
/** Inline enumerations nest at most this deep (一要 → 一是 → （1） → ①). */
const MAX_DEPTH = 6;

export interface Node {
  label: LabelMatch | null;
  kind: ItemKind;
  start: number;
  end: number;
  titleStart: number;
  titleEnd: number;
  /** Where this item's own words are (targets, deadline and names are read there, not in its children). */
  own: Range[];
  children: Node[];
  /** Commitments only: what the clause asks for. */
  cls?: ClauseClass;
  /** Clauses folded in because they elaborate this one. */
  keyPoints?: Range[];
  restatement?: boolean;
  repeats?: Node | null;
  /** Where the class cue stands when it is outside the clause (the 号召 that opens a call paragraph). */
  cueAt?: Range;
}

interface Ctx {
  /** general: find directive clauses; clauses: every clause is a commitment; none: keep the text whole. */
  mode: 'general' | 'clauses' | 'none';
  clauseKind: 'task' | 'subtask';
  /** Kind for enumerations nested here when nothing announces them. */
  nestedKind: ItemKind | null;
  retro: boolean;
  depth: number;
}

export const ROOT: Ctx = { mode: 'general', clauseKind: 'task', nestedKind: null, retro: false, depth: 0 };

function childCtx(kind: ItemKind, parent: Ctx, retro: boolean): Ctx {
  const depth = parent.depth + 1;
  switch (kind) {
    case 'section':
      return { mode: 'general', clauseKind: 'task', nestedKind: null, retro: parent.retro || retro, depth };
    case 'area':
      return { mode: 'clauses', clauseKind: 'task', nestedKind: 'task', retro: false, depth };
    case 'task':
      return { mode: 'clauses', clauseKind: 'subtask', nestedKind: 'subtask', retro: false, depth };
    default:
      return { mode: 'none', clauseKind: 'subtask', nestedKind: kind === 'paragraph' ? 'task' : kind, retro: parent.retro, depth };
  }
}

/**
 * Keywords too broad to say two clauses are about the same thing (守住流域安全底线 and 扛起粮食安全政治责任 share
 * 安全 but not their work).
 */
const BROAD_KEYWORDS: readonly string[] = ['安全', '底线', '风险', '企业', '数据', '治理', '基层', '改革', '开放', '绿色', '环境', '文化', '文明', '服务业', '美丽'];

const DEADLINE_OPENING = /^(?:力争|确保|争取)?(?:年底前|年内|今年内|年末前|[一二三四]季度|第[一二三四]季度|上半年|下半年|\d{1,2}月(?:底|末)?前|到\d{4}年|\d{4}年(?:底|末)?前)/u;

/** push(...items) overflows the stack for very large arrays. */
export function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x);
}

export class Builder {
  readonly sentences: Range[] = [];
  constructor(
    readonly norm: string,
    readonly tags: TagIndex,
  ) {}

  text(r: Range): string {
    return this.norm.slice(r.start, r.end);
  }

  /** Title of an enumerated item: its first sentence, or its first clause when the sentence is long. */
  titleOf(start: number, end: number): Range {
    const sentence = firstSentence(this.norm, start, end);
    let e = sentence.end;
    while (e > sentence.start && isTerminator(this.norm[e - 1])) e--;
    while (e > sentence.start && /[”’）」》]/u.test(this.norm[e - 1] ?? '') && isTerminator(this.norm[e - 2])) e--;
    const whole = trimRange(this.norm, sentence.start, e);
    if (countHan(this.norm, whole.start, whole.end) <= TITLE_MAX) return whole;
    return splitClauses(this.norm, sentence.start, sentence.end)[0] ?? whole;
  }

  enumKind(isHeading: boolean, title: Range, introducer: string, ctx: Ctx): ItemKind {
    if (isHeading && !isDirectiveTitle(this.text(title))) return 'section';
    if (ctx.retro) return 'review';
    const intro = classifyIntroducer(introducer);
    if (intro === 'review' || intro === 'principle' || intro === 'goal' || intro === 'requirement') return intro;
    return ctx.nestedKind ?? 'area';
  }

  /** The sentence that introduces an enumeration starting at `at` within [from, at). */
  introducerBefore(from: number, at: number, fallback: string): string {
    const last = lastSentence(this.norm, Math.max(from, at - 400), at);
    return last.end > last.start ? this.text(last) : fallback;
  }

  // ---- containers -------------------------------------------------------------------------------------------

  container(content: Array<Block | HeadingNode>, ctx: Ctx): Node[] {
    const out: Node[] = [];
    let previous = '';
    const runKinds = new Map<string, ItemKind>();
    for (const el of content) {
      if (isHeadingNode(el)) {
        const key = el.label.style;
        const title = this.titleOf(el.label.end, el.block.end);
        let kind: ItemKind;
        if (el.label.value === 1 || !runKinds.has(key)) {
          kind = this.enumKind(!el.scoped, title, previous, ctx);
          if (kind !== 'section') runKinds.set(key, kind);
        } else {
          kind = !el.scoped && !isDirectiveTitle(this.text(title)) ? 'section' : (runKinds.get(key) ?? 'area');
        }
        out.push(this.heading(el, title, kind, ctx));
        previous = '';
      } else {
        append(out, this.paragraph(el.start, el.end, ctx, previous, true));
        previous = this.text(lastSentence(this.norm, Math.max(el.start, el.end - 400), el.end));
      }
    }
    return out;
  }

  heading(h: HeadingNode, title: Range, kind: ItemKind, ctx: Ctx): Node {
    const inner = childCtx(kind, ctx, isRetrospectiveTitle(this.text(title)));
    const children: Node[] = [];
    const rest = trimRange(this.norm, title.end, h.block.end);
    let restStart = rest.start;
    while (restStart < rest.end && /[。！？；，：]/u.test(this.norm[restStart] ?? '')) restStart++;
    if (restStart < rest.end) append(children, this.paragraph(restStart, rest.end, inner, this.text(title), false));
    append(children, this.container(h.content, inner));
    let end = h.block.end;
    for (const c of h.content) end = Math.max(end, extentEnd(c));
    for (const c of children) end = Math.max(end, c.end);
    return { label: h.label, kind, start: h.label.start, end, titleStart: title.start, titleEnd: title.end, own: [title], children, ...this.enumeratedClass(kind, title) };
  }

  /** An enumerated task or sub-task is classified by its title, like a clause. */
  enumeratedClass(kind: ItemKind, title: Range): { cls?: ClauseClass } {
    return kind === 'task' || kind === 'subtask' ? { cls: classifyClause(this.text(title)) } : {};
  }

  // ---- paragraphs -------------------------------------------------------------------------------------------

  /** A paragraph (or part of one): inline enumerations first, plain text around them. */
  paragraph(start: number, end: number, ctx: Ctx, previous: string, wholeBlock: boolean): Node[] {
    const runs = ctx.depth < MAX_DEPTH ? this.inlineRuns(start, end) : [];
    if (!runs.length) return this.plain(start, end, ctx, wholeBlock);
    const out: Node[] = [];
    let pos = start;
    for (const run of runs) {
      const first = run[0];
      if (!first) continue;
      if (first.label.start > pos) append(out, this.plain(pos, first.label.start, ctx, false));
      const introducer = this.introducerBefore(start, first.label.start, previous);
      const titleFirst = this.titleOf(first.label.end, first.end);
      const kind = this.enumKind(false, titleFirst, introducer, { ...ctx, retro: ctx.retro || (ctx.mode === 'general' && isReflectiveOpening(this.norm, start, end) && isRetrospectiveTitle(introducer)) });
      for (const item of run) out.push(this.inlineItem(item.label, item.end, kind, ctx));
      pos = run[run.length - 1]?.end ?? pos;
    }
    if (pos < end) {
      const tail = trimRange(this.norm, pos, end);
      if (tail.end > tail.start) append(out, this.plain(tail.start, tail.end, ctx, false));
    }
    return out;
  }

  inlineItem(label: LabelMatch, end: number, kind: ItemKind, ctx: Ctx): Node {
    const e = trimRange(this.norm, label.end, end).end;
    const title = this.titleOf(label.end, e);
    const inner = childCtx(kind, ctx, false);
    let bodyStart = title.end;
    while (bodyStart < e && /[。！？；，：”’）\s]/u.test(this.norm[bodyStart] ?? '')) bodyStart++;
    const children = bodyStart < e ? this.paragraph(bodyStart, e, inner, this.text(title), false) : [];
    return { label, kind, start: label.start, end: e, titleStart: title.start, titleEnd: title.end, own: [title], children, ...this.enumeratedClass(kind, title) };
  }

  /** Runs of inline markers (一要…二要…, 一是…二是…, 第一，…第二，…, （1）…（2）…) in one paragraph. */
  inlineRuns(start: number, end: number): Array<Array<{ label: LabelMatch; end: number }>> {
    const candidates: LabelMatch[] = [];
    for (const c of splitClauses(this.norm, start, end)) {
      const m = matchInlineLabel(this.norm, c.start);
      if (m) candidates.push(m);
    }
    if (candidates.length < 2) return [];
    // The style that starts earliest organises the paragraph; other styles nest inside its items.
    const firstByStyle = new Map<string, number>();
    for (const c of candidates) if (c.value === 1 && !firstByStyle.has(c.style)) firstByStyle.set(c.style, c.start);
    let style: string | null = null;
    let best = Infinity;
    for (const [s, at] of firstByStyle) {
      const hasTwo = candidates.some((c) => c.style === s && c.value === 2 && c.start > at);
      if (hasTwo && at < best) {
        best = at;
        style = s;
      }
    }
    if (!style) return [];
    const runs: Array<LabelMatch[]> = [];
    let run: LabelMatch[] = [];
    for (const c of candidates) {
      if (c.style !== style) continue;
      const expected = run.length + 1;
      if (c.value === expected || (c.style === 'seq' && c.value === 99 && run.length >= 2)) run.push({ ...c, value: expected });
      else if (c.value === 1) {
        if (run.length >= 2) runs.push(run);
        run = [c];
      }
    }
    if (run.length >= 2) runs.push(run);
    // A run ends where the next one starts, so no item can swallow a later enumeration.
    return runs.map((r, i) => this.itemExtents(r, runs[i + 1]?.[0]?.start ?? end));
  }

  /** Item k runs to item k+1; the last one to the paragraph end if items hold several sentences, else its sentence. */
  itemExtents(run: LabelMatch[], end: number): Array<{ label: LabelMatch; end: number }> {
    let multiSentence = false;
    const out = run.map((label, k) => {
      const next = run[k + 1];
      const e = next ? next.start : end;
      if (next) {
        const inner = trimRange(this.norm, label.end, e);
        let e2 = inner.end;
        while (e2 > inner.start && (isTerminator(this.norm[e2 - 1]) || /[，”’）]/u.test(this.norm[e2 - 1] ?? ''))) e2--;
        for (let i = inner.start; i < e2; i++) {
          if (isTerminator(this.norm[i]) && this.norm[i] !== '；') {
            multiSentence = true;
            break;
          }
        }
      }
      return { label, end: e };
    });
    const last = out[out.length - 1];
    if (last && !multiSentence) {
      last.end = firstSentence(this.norm, last.label.start, end).end;
    }
    return out;
  }

  // ---- plain text -------------------------------------------------------------------------------------------

  plain(start: number, end: number, ctx: Ctx, wholeBlock: boolean): Node[] {
    if (ctx.mode === 'none') return [];
    if (ctx.mode === 'clauses') return this.commitmentText(start, end, ctx, wholeBlock);
    return this.generalText(start, end, ctx, wholeBlock);
  }

  /** Inside a work area or task: a short topic sentence heads a task; otherwise every clause is a commitment. */
  commitmentText(start: number, end: number, ctx: Ctx, wholeBlock: boolean): Node[] {
    const sentences = splitSentences(this.norm, start, end);
    for (const s of sentences) this.sentences.push(s);
    const first = sentences[0];
    if (wholeBlock && ctx.clauseKind === 'task' && first && sentences.length >= 2) {
      const t = this.titleOf(first.start, first.end);
      const topic = this.text(t);
      if (t.end - t.start <= 30 && !/[，；：]/u.test(topic) && countHan(this.norm, t.start, t.end) >= 4) {
        const children: Node[] = [];
        for (const s of sentences.slice(1)) append(children, this.clauseItems(splitClauses(this.norm, s.start, s.end), 'subtask'));
        const last = sentences[sentences.length - 1] ?? first;
        return [{ label: null, kind: 'task', start: t.start, end: last.end, titleStart: t.start, titleEnd: t.end, own: [t], children, cls: classifyClause(topic) }];
      }
    }
    const out: Node[] = [];
    for (const s of sentences) append(out, this.clauseItems(splitClauses(this.norm, s.start, s.end), ctx.clauseKind));
    return out;
  }

  /** Outside work areas: requirement and goal statements, then groups of directive clauses. */
  generalText(start: number, end: number, ctx: Ctx, wholeBlock: boolean): Node[] {
    const reflective = ctx.retro || (wholeBlock && isReflectiveOpening(this.norm, start, end));
    const callWord = CALL.exec(this.norm.slice(start, Math.min(end, start + 8)));
    const callAt = callWord ? start + callWord[0].length - (callWord[1] ?? '').length : 0;
    const call: Range | null = callWord ? { start: callAt, end: callAt + (callWord[1] ?? '').length } : null;
    const out: Node[] = [];
    let group: { start: number; end: number; titleEnd: number; tasks: Node[] } | null = null;
    const flush = () => {
      if (group && group.tasks.length) {
        out.push({ label: null, kind: 'paragraph', start: group.start, end: group.end, titleStart: group.start, titleEnd: group.titleEnd, own: [], children: group.tasks });
      }
      group = null;
    };
    for (const s of splitSentences(this.norm, start, end)) {
      const statement = this.statement(s);
      if (statement) {
        flush();
        out.push(statement);
        this.sentences.push({ start: statement.start, end: statement.end });
        continue;
      }
      const clauses = splitClauses(this.norm, s.start, s.end);
      const first = clauses[0];
      if (!first) continue;
      // Once a clause narrates (我们坚持…, 全会深入学习…), the rest of the sentence continues the narration.
      let modalOnly = reflective;
      const k = clauses.findIndex((c) => {
        if (hasModal(this.norm, c)) return true;
        if (isNarrativeOpening(this.norm, c)) modalOnly = true;
        return !modalOnly && hasLead(this.norm, c) && !isIntroducerClause(this.norm, c);
      });
      if (k < 0) {
        flush();
        continue;
      }
      // 让我们……: a sentence that calls on everyone (the close of a work report) asks for no work of its own.
      const letUs = SENTENCE_CALL.exec(this.norm.slice(s.start, Math.min(s.end, s.start + 4)));
      const tasks = this.clauseItems(clauses.slice(k), 'task', letUs ? { start: s.start + letUs.index, end: s.start + letUs.index + letUs[0].length } : call);
      if (!tasks.length) continue;
      this.sentences.push(s);
      if (!group) group = { start: s.start, end: s.end, titleEnd: first.end, tasks: [] };
      group.end = s.end;
      append(group.tasks, tasks);
    }
    flush();
    return out;
  }

  /** 总体要求是：…… → requirement; 主要预期目标是：…… → goal. Kept whole. */
  statement(s: Range): Node | null {
    const sentence = this.text(s);
    const req = /(总体要求|总的要求|指导思想|基本要求)(是|为)?：/u.exec(sentence);
    const goal = req ? null : /(目标|指标)(是|为)?(，?(包括|如下|主要有))?：/u.exec(sentence);
    const m = req ?? goal;
    if (!m) return null;
    const colon = s.start + (m.index ?? 0) + m[0].length;
    if (countHan(this.norm, colon, s.end) < 4) return null;
    // The item starts at the clause that holds the keyword.
    const clauses = splitClauses(this.norm, s.start, colon);
    const at = s.start + (m.index ?? 0);
    const holder = [...clauses].reverse().find((c) => c.start <= at) ?? { start: s.start, end: colon };
    let titleEnd = colon - 1;
    const head = this.norm.slice(holder.start, titleEnd);
    const cut = /(，?(包括|如下|主要有))?(是|为)?$/u.exec(head);
    if (cut) titleEnd -= cut[0].length;
    const title = trimRange(this.norm, holder.start, titleEnd);
    return { label: null, kind: req ? 'requirement' : 'goal', start: holder.start, end: s.end, titleStart: title.start, titleEnd: title.end, own: [{ start: holder.start, end: s.end }], children: [] };
  }

  /**
   * A clause that only sets the quantity or the date of the work before it (年底前新开业品牌首店30家以上,
   * 城镇新增就业12万人以上, 一季度完成改造方案): it opens with a deadline, or states a target without a lead verb.
   */
  isMeasureOf(start: number, end: number): boolean {
    const s = this.norm.slice(start, end);
    if (DEADLINE_OPENING.test(s)) return true;
    return !hasLead(this.norm, { start, end }) && findTargets(this.norm, start, end).length > 0;
  }

  /**
   * Clauses of one sentence → task items: means merge forward, 特别是 merges back, introducers and fillers drop
   * out; each item is classified, and a deployment that names the same object as the task before it (a taxonomy
   * keyword in common: 稳定和扩大传统消费 after 加快建设国际消费中心城市) becomes that task's key point.
   */
  clauseItems(clauses: Range[], kind: 'task' | 'subtask', call: Range | null = null): Node[] {
    const merged: Range[] = [];
    let pending: number | null = null;
    for (const c of clauses) {
      if (isIntroducerClause(this.norm, c) || isFillerClause(this.norm, c)) {
        pending = null;
        continue;
      }
      const prev = merged[merged.length - 1];
      if (prev && pending === null && isAddendumClause(this.norm, c)) {
        prev.end = c.end;
        continue;
      }
      if (isModifierClause(this.norm, c)) {
        pending ??= c.start;
        continue;
      }
      merged.push({ start: pending ?? c.start, end: c.end });
      pending = null;
    }
    const out: Node[] = [];
    let head: { node: Node; words: Set<string> } | null = null;
    for (const r of merged) {
      const t = titleStart(this.norm, r);
      const cls: ClauseClass = call ? { class: 'requirement', cue: this.text(call) } : classifyClause(this.norm.slice(t, r.end));
      const node: Node = { label: null, kind, start: t, end: r.end, titleStart: t, titleEnd: r.end, own: [{ start: t, end: r.end }], children: [], cls, ...(call ? { cueAt: call } : {}) };
      if (cls.class !== 'deployment' || kind !== 'task') {
        out.push(node);
        head = null;
        continue;
      }
      const words = keywordsIn(this.tags, t, r.end);
      for (const w of BROAD_KEYWORDS) words.delete(w);
      if (head && (this.isMeasureOf(t, r.end) || [...words].some((w) => head!.words.has(w)))) {
        (head.node.keyPoints ??= []).push({ start: t, end: r.end });
        head.node.end = r.end;
        head.node.own = [{ start: head.node.start, end: r.end }];
        for (const w of words) head.words.add(w);
        continue;
      }
      head = { node, words };
      out.push(node);
    }
    return out;
  }
}

// ---- output ---------------------------------------------------------------------------------------------------
