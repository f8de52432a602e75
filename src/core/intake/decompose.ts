/**
 * decompose(): a policy document → a traceable tree of sections, work areas, principles and tasks, with spans
 * into the original text. All analysis runs on the Simplified, punctuation-normalised copy (see normalise.ts);
 * titles and spans are read back from the original. The rules are described in docs/decomposition.md.
 */
import type { NameHit } from './entities.ts';
import { indexNames, namesIn } from './entities.ts';
import { findDeadline, planningYearOf } from './dates.ts';
import { CALL, classifyClause, type ClauseClass } from './classify.ts';
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
import { findFormulations } from './formulations.ts';
import { findMeeting, isAppendixLine, issuerFromTitle, parseHeader } from './header.ts';
import type { LabelMatch } from './labels.ts';
import { matchInlineLabel, matchLineLabel } from './labels.ts';
import type { AnalysisText } from './normalise.ts';
import { analyseText, originalSpan } from './normalise.ts';
import { classifyScript, countScriptChars } from './script.ts';
import type { Block, HeadingNode } from './structure.ts';
import { buildBlocks, buildHeadingTree, extentEnd, isHeadingNode } from './structure.ts';
import type { TagIndex } from './tags.ts';
import { indexTags, keywordsIn, tagsIn } from './tags.ts';
import { findTargets } from './targets.ts';
import type { Taxonomy } from './taxonomy.ts';
import { DEFAULT_TAXONOMY } from './taxonomy.ts';
import type { Range } from './text-units.ts';
import { countHan, firstSentence, isTerminator, lastSentence, splitClauses, splitLines, splitSentences, trimRange } from './text-units.ts';
import type { Appendix, DecomposedItem, Decomposition, GlossaryEntry, ItemClass, ItemKind, Span, Target } from './types.ts';

export interface DecomposeOptions {
  /** Reported back in document.encoding (readDocument tells it). */
  encoding?: string;
  taxonomy?: Taxonomy;
  /** ISO date used for 年底前, 明年 … when the document states no date of its own. */
  referenceDate?: string;
}

/** Longest title kept whole; a longer first sentence is cut back to its first clause. */
const TITLE_MAX = 40;
/** Inline enumerations nest at most this deep (一要 → 一是 → （1） → ①). */
const MAX_DEPTH = 6;

interface Node {
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

const ROOT: Ctx = { mode: 'general', clauseKind: 'task', nestedKind: null, retro: false, depth: 0 };

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
function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x);
}

class Builder {
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
    const callAt = callWord ? start + callWord[0].length - (callWord[1] ?? callWord[2] ?? '').length : 0;
    const call: Range | null = callWord ? { start: callAt, end: callAt + (callWord[1] ?? callWord[2] ?? '').length } : null;
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
      const tasks = this.clauseItems(clauses.slice(k), 'task', call);
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

interface OutputCtx {
  text: string;
  a: AnalysisText;
  norm: string;
  tags: TagIndex;
  names: { places: NameHit[]; bodies: NameHit[] };
  /** Prefix counts of digits and of date characters, to skip target and deadline searches where none can be. */
  digits: Int32Array;
  dateChars: Int32Array;
  baseYear: number | null;
  planningYear: number | null;
}

function prefixCount(norm: string, test: (c: number) => boolean): Int32Array {
  const out = new Int32Array(norm.length + 1);
  for (let i = 0; i < norm.length; i++) out[i + 1] = (out[i] ?? 0) + (test(norm.charCodeAt(i)) ? 1 : 0);
  return out;
}

function has(prefix: Int32Array, start: number, end: number): boolean {
  return (prefix[end] ?? 0) - (prefix[start] ?? 0) > 0;
}

const DATE_CHARS = new Set(['年', '月', '季'].map((c) => c.charCodeAt(0)));

function cleanTitle(s: string): string {
  return s.replace(/[\r\n]+/gu, '').replace(/[，,；;：:。.！!？?、\s]+$/u, '').trim();
}

function toItem(n: Node, o: OutputCtx): DecomposedItem {
  const span = originalSpan(o.a, n.start, n.end);
  const [ts, te] = originalSpan(o.a, n.titleStart, n.titleEnd);
  const own = n.children.length ? n.own : [{ start: n.start, end: n.end }];
  // A review reports results and a section only groups: their numbers are not commitments.
  const measured = n.kind !== 'review' && n.kind !== 'section';
  const targets: Target[] = [];
  let deadline: { iso: string; text: string } | null = null;
  const places = new Map<string, string>();
  const bodies = new Map<string, string>();
  for (const r of own) {
    const clauses = measured && has(o.digits, r.start, r.end) ? splitClauses(o.norm, r.start, r.end) : [];
    for (const c of clauses) {
      for (const t of findTargets(o.norm, c.start, c.end)) {
        const [s, e] = originalSpan(o.a, t.start, t.end);
        targets.push({ text: o.text.slice(s, e), span: [s, e], metric: t.metric === null ? null : metricInOriginal(o, c, t.metric), value: t.value, valueMax: t.valueMax, unit: t.unit, direction: t.direction, trend: t.trend });
      }
    }
    if (!deadline && has(o.dateChars, r.start, r.end)) {
      const d = findDeadline(o.norm, r.start, r.end, o.baseYear, o.planningYear);
      if (d) {
        const [s, e] = originalSpan(o.a, d.start, d.end);
        deadline = { iso: d.iso, text: o.text.slice(s, e) };
      }
    }
    for (const h of namesIn(o.names.places, r.start, r.end)) if (!places.has(h.key)) places.set(h.key, sliceOriginal(o, h.start, h.end));
    for (const h of namesIn(o.names.bodies, r.start, r.end)) if (!bodies.has(h.key)) bodies.set(h.key, sliceOriginal(o, h.start, h.end));
  }
  const label = n.label ? sliceOriginal(o, n.label.start, trimRange(o.norm, n.label.start, n.label.end).end) : null;
  const { cls, cue } = itemClass(n, o);
  return {
    label,
    kind: n.kind,
    title: cleanTitle(o.text.slice(ts, te)),
    span: [span[0], span[1]],
    children: n.children.map((c) => toItem(c, o)),
    tags: tagsIn(o.tags, n.start, n.end),
    targets,
    deadline: deadline?.iso ?? null,
    deadlineText: deadline?.text ?? null,
    places: [...places.values()],
    bodies: [...bodies.values()],
    class: cls,
    classCue: cue,
    keyPoints: (n.keyPoints ?? []).map((k) => {
      const [ks, ke] = originalSpan(o.a, k.start, k.end);
      return { text: cleanTitle(o.text.slice(ks, ke)), span: [ks, ke] as Span };
    }),
    restatement: n.restatement ?? false,
    repeats: n.repeats ? { label: n.repeats.label ? sliceOriginal(o, n.repeats.label.start, trimRange(o.norm, n.repeats.label.start, n.repeats.label.end).end) : null, title: cleanTitle(sliceOriginal(o, n.repeats.titleStart, n.repeats.titleEnd)) } : null,
  };
}

/** Commitments carry their clause class; guidance kinds have theirs by definition; containers have none. */
function itemClass(n: Node, o: OutputCtx): { cls: ItemClass | null; cue: string | null } {
  if (n.cls) return { cls: n.cls.class, cue: n.cueAt ? sliceOriginal(o, n.cueAt.start, n.cueAt.end) : n.cls.cue === null ? null : cueInOriginal(o, n, n.cls.cue) };
  if (n.kind === 'principle' || n.kind === 'requirement') return { cls: 'requirement', cue: null };
  if (n.kind === 'goal') return { cls: 'outcome', cue: null };
  return { cls: null, cue: null };
}

/** The cue as written in the original script (it was found in the Simplified copy). */
function cueInOriginal(o: OutputCtx, n: Node, cue: string): string {
  const at = o.norm.indexOf(cue, n.start);
  return at >= 0 && at + cue.length <= n.end ? sliceOriginal(o, at, at + cue.length) : cue;
}

// Verbs that open most deployments; left out when comparing what two clauses are about.
const LEAD_WORDS = /^(?:坚持|加快|推进|推动|着力|深入|持续|大力|扎实|全面|奋力|构建|建设|打造|实施|落实|促进|加强|不断|更好|进一步|积极|努力|全力|切实|高标准|高质量)+/u;

function contentBigrams(s: string): Set<string> {
  const han = s.replace(LEAD_WORDS, '').replace(/[^\u4e00-\u9fff]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

/**
 * A paragraph outside the work areas that mostly repeats them (全会强调，要……坚持大力推进新型工业化……) sums the
 * plan up; its deployments are not new work. A clause repeats an earlier area when at least 60 % of its content
 * bigrams (lead verbs left out) occur in that area's text; the paragraph is a restatement when at least half of its
 * deployments repeat one.
 */
function markRestatements(nodes: Node[], norm: string): void {
  const areas: Array<{ node: Node; bigrams: Set<string> }> = [];
  const visit = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'area') {
        areas.push({ node: n, bigrams: contentBigrams(norm.slice(n.start, n.end)) });
        continue;
      }
      if (n.kind === 'section') {
        visit(n.children);
        continue;
      }
      if (n.kind !== 'paragraph' || !areas.length) continue;
      const deployments = n.children.filter((c) => c.cls?.class === 'deployment');
      let repeating = 0;
      for (const c of deployments) {
        const own = contentBigrams(norm.slice(c.titleStart, c.titleEnd));
        if (own.size < 2) continue;
        let best: { node: Node; ratio: number } | null = null;
        for (const a of areas) {
          let hits = 0;
          for (const b of own) if (a.bigrams.has(b)) hits++;
          const ratio = hits / own.size;
          if (ratio >= 0.6 && (!best || ratio > best.ratio)) best = { node: a.node, ratio };
        }
        if (best) {
          c.repeats = best.node;
          repeating++;
        }
      }
      if (deployments.length >= 2 && repeating * 2 >= deployments.length) {
        n.restatement = true;
        for (const c of n.children) c.restatement = true;
      }
    }
  };
  visit(nodes);
}

function sliceOriginal(o: OutputCtx, start: number, end: number): string {
  const [s, e] = originalSpan(o.a, start, end);
  return o.text.slice(s, e);
}

function metricInOriginal(o: OutputCtx, clause: Range, metric: string): string {
  const at = o.norm.indexOf(metric, clause.start);
  return at >= 0 && at < clause.end ? sliceOriginal(o, at, at + metric.length) : metric;
}

/** True for a commitment the draft includes by default: a deployment that is not a restatement of the work areas. */
function isNewDeployment(n: Node): boolean {
  return n.cls?.class === 'deployment' && !n.restatement;
}

/**
 * Coverage means one thing everywhere: of the sentences that hold a deployment, how many overlap an included leaf
 * task. Here the included tasks are the default draft's (every new deployment), so a fresh decomposition covers
 * everything and `measureCoverage` gives the figure again after a reviewer edits the draft.
 */
function coverageOf(sentences: Range[], nodes: Node[], o: OutputCtx): Decomposition['coverage'] {
  const deployments: Range[] = [];
  const walk = (list: Node[]) => {
    for (const n of list) {
      if (isNewDeployment(n)) deployments.push({ start: n.start, end: n.end });
      walk(n.children);
    }
  };
  walk(nodes);
  deployments.sort((a, b) => a.start - b.start);
  const holdsDeployment = (s: Range) => deployments.some((d) => d.start < s.end && d.end > s.start);
  const unique = new Map<number, Range>();
  for (const s of sentences) if (!unique.has(s.start) && holdsDeployment(s)) unique.set(s.start, s);
  const spans: Span[] = [...unique.values()].sort((a, b) => a.start - b.start).map((s) => originalSpan(o.a, s.start, s.end));
  const cover: Span[] = deployments.map((c) => originalSpan(o.a, c.start, c.end));
  return { ...measureSpans(o.text, spans, cover), sentenceSpans: spans };
}

function measureSpans(text: string, sentences: Span[], cover: Span[]): Omit<Decomposition['coverage'], 'sentenceSpans'> {
  const sorted = [...cover].sort((a, b) => a[0] - b[0]);
  const uncovered: Array<{ span: Span; text: string }> = [];
  let covered = 0;
  let j = 0;
  let maxEnd = -1;
  // Sweep: sentences and covering spans both sorted by start.
  const prefixMax: number[] = [];
  for (const c of sorted) {
    maxEnd = Math.max(maxEnd, c[1]);
    prefixMax.push(maxEnd);
  }
  for (const s of [...sentences].sort((a, b) => a[0] - b[0])) {
    while (j < sorted.length && (sorted[j]?.[0] ?? 0) < s[1]) j++;
    const reach = j > 0 ? (prefixMax[j - 1] ?? -1) : -1;
    if (reach > s[0]) covered++;
    else uncovered.push({ span: s, text: text.slice(s[0], s[1]) });
  }
  return { directiveSentences: sentences.length, covered, uncovered };
}

/**
 * Recomputes coverage after the tree was edited: a directive sentence counts as covered when any of the given
 * spans (tasks kept by the reviewer) overlaps it.
 */
export function measureCoverage(text: string, sentenceSpans: Span[], taskSpans: Span[]): Omit<Decomposition['coverage'], 'sentenceSpans'> {
  return measureSpans(text, sentenceSpans, taskSpans);
}

function isBareAppendixLine(norm: string, r: Range): boolean {
  return /^(附件|附录|附表)\s*[\d一二三四五六七八九十]*\s*[：:]?$/u.test(norm.slice(r.start, r.end));
}

const GLOSSARY_TITLE = /名词解释|名词注释|注释|释义|术语/u;
// 1．新质生产力：…… / （一）新质生产力：…… / 新质生产力：…… — the term ends at the first colon.
const GLOSSARY_ENTRY = /^(?:[（(]?[\d一二三四五六七八九十]+[)）.．、]\s*|[①-⑳]\s*)?([^：。，]{1,30})：/u;

/**
 * Appendices: a bare 附件1 line takes the next line as its title. A 名词解释 becomes the glossary (term,
 * definition, span); any other appendix is read as a list of work — each enumerated item a task with its targets,
 * nested items its sub-tasks — under one branch titled by the appendix.
 */
function readAppendices(lines: Range[], builder: Builder, o: OutputCtx): { appendices: Appendix[]; glossary: GlossaryEntry[] } {
  const norm = o.norm;
  const groups: Range[][] = [];
  for (const [i, r] of lines.entries()) {
    const last = groups[groups.length - 1];
    const continuesGlossary = last !== undefined && GLOSSARY_TITLE.test(norm.slice(last[0]!.start, last[0]!.end)) && !/^(附件|附录|附表)/u.test(norm.slice(r.start, r.end));
    const titleOfBare = last?.length === 1 && isBareAppendixLine(norm, last[0]!) && !matchLineLabel(norm, r.start);
    if (i === 0 || !last || (isAppendixLine(norm, r) && !continuesGlossary && !titleOfBare)) groups.push([r]);
    else last.push(r);
  }
  const appendices: Appendix[] = [];
  const glossary: GlossaryEntry[] = [];
  for (const group of groups) {
    const first = group[0]!;
    const bare = isBareAppendixLine(norm, first);
    const titleLines = bare && group[1] && !matchLineLabel(norm, group[1].start) ? group.slice(0, 2) : group.slice(0, 1);
    const body = group.slice(titleLines.length);
    const title = cleanTitle(titleLines.map((r) => sliceOriginal(o, r.start, r.end)).join(' '));
    const [s0] = originalSpan(o.a, first.start, first.end);
    const last = group[group.length - 1]!;
    const [, e1] = originalSpan(o.a, last.start, last.end);
    const titleNorm = titleLines.map((r) => norm.slice(r.start, r.end)).join('');
    if (GLOSSARY_TITLE.test(titleNorm)) {
      appendices.push({ title, span: [s0, e1], items: [] });
      for (const r of body) {
        const m = GLOSSARY_ENTRY.exec(norm.slice(r.start, r.end));
        const prev = glossary[glossary.length - 1];
        if (!m) {
          // A definition running over several lines.
          if (prev) {
            const [, e] = originalSpan(o.a, r.start, r.end);
            prev.definition += sliceOriginal(o, r.start, r.end);
            prev.span = [prev.span[0], e];
          }
          continue;
        }
        const termStart = r.start + m[0].length - 1 - (m[1]?.length ?? 0);
        const [s, e] = originalSpan(o.a, r.start, r.end);
        glossary.push({
          term: cleanTitle(sliceOriginal(o, termStart, termStart + (m[1]?.length ?? 0))).replace(/^[“「"]|[”」"]$/gu, ''),
          definition: sliceOriginal(o, r.start + m[0].length, r.end).trim(),
          span: [s, e],
        });
      }
      continue;
    }
    const tree = body.length ? buildHeadingTree(norm, buildBlocks(norm, body)) : [];
    const toTask = (h: HeadingNode, kind: 'task' | 'subtask'): Node => {
      const titleRange = builder.titleOf(h.label.end, h.block.end);
      const end = extentEnd(h);
      const children = h.content.filter(isHeadingNode).map((c) => toTask(c, 'subtask'));
      const own = children.length ? [{ start: h.label.start, end: h.block.end }] : [{ start: h.label.start, end }];
      return { label: h.label, kind, start: h.label.start, end, titleStart: titleRange.start, titleEnd: titleRange.end, own, children, cls: { class: 'deployment', cue: null } };
    };
    const items = tree.filter(isHeadingNode).map((h) => toItem(toTask(h, 'task'), o));
    appendices.push({ title, span: [s0, e1], items });
  }
  return { appendices, glossary };
}

/** Decomposes a policy document into a tree of items with exact spans into `text`. Never throws on odd input. */
export function decompose(text: string, opts: DecomposeOptions = {}): Decomposition {
  const a = analyseText(text);
  const norm = a.norm;
  const lines = splitLines(norm);
  const header = parseHeader(norm, lines);

  let bodyEnd = lines.length;
  for (let i = header.bodyStart + 1; i < lines.length; i++) {
    const r = lines[i];
    if (r && isAppendixLine(norm, r)) {
      bodyEnd = i;
      break;
    }
  }
  const bodyLines = lines.slice(header.bodyStart, bodyEnd);
  const appendixLines = lines.slice(bodyEnd);

  const date = header.date;
  const ref = opts.referenceDate && /^\d{4}/u.test(opts.referenceDate) ? Number(opts.referenceDate.slice(0, 4)) : null;
  const baseYear = date ? Number(date.slice(0, 4)) : ref;

  const tagIndex = indexTags(norm, opts.taxonomy ?? DEFAULT_TAXONOMY);
  const builder = new Builder(norm, tagIndex);
  const tree = buildHeadingTree(norm, buildBlocks(norm, bodyLines));
  const nodes = builder.container(tree, ROOT);
  markRestatements(nodes, norm);

  const o: OutputCtx = {
    text,
    a,
    norm,
    tags: tagIndex,
    names: indexNames(norm),
    digits: prefixCount(norm, (c) => c >= 48 && c <= 57),
    dateChars: prefixCount(norm, (c) => DATE_CHARS.has(c)),
    baseYear,
    planningYear: date ? planningYearOf(date, norm) : ref,
  };
  const items = nodes.map((n) => toItem(n, o));

  let title: string | null = null;
  let titleSpan: Span | null = null;
  let issuer: string | null = null;
  const tl = header.titleLines.map((i) => lines[i]).filter((r): r is Range => !!r);
  const firstTitle = tl[0];
  const lastTitle = tl[tl.length - 1];
  if (firstTitle && lastTitle) {
    titleSpan = originalSpan(a, firstTitle.start, lastTitle.end);
    title = tl.map((r) => sliceOriginal(o, r.start, r.end)).join('');
    const titleNorm = tl.map((r) => norm.slice(r.start, r.end)).join('');
    const iss = issuerFromTitle(titleNorm);
    if (iss) {
      // Map the issuer back through the title lines it was read from.
      let offset = 0;
      const parts: string[] = [];
      for (const r of tl) {
        const len = r.end - r.start;
        const s = Math.max(iss.start, offset);
        const e = Math.min(iss.end, offset + len);
        if (e > s) parts.push(sliceOriginal(o, r.start + s - offset, r.start + e - offset));
        offset += len;
      }
      issuer = parts.join('');
    }
  }

  const bodyFirst = bodyLines[0];
  const bodyLast = bodyLines[bodyLines.length - 1];
  const meetingMatch = bodyFirst && bodyLast ? findMeeting(norm, bodyFirst.start, bodyLast.end) : null;

  const { appendices, glossary } = readAppendices(appendixLines, builder, o);

  const bodyRanges: Range[] = bodyFirst && bodyLast ? [{ start: bodyFirst.start, end: bodyLast.end }] : [];
  const formulations = findFormulations(norm, bodyRanges).map((f) => {
    const spans: Span[] = f.starts.map((s) => originalSpan(a, s, s + f.key.length));
    const firstSpan = spans[0] ?? [0, 0];
    return { text: text.slice(firstSpan[0], firstSpan[1]), key: f.key, kind: f.kind, count: spans.length, spans };
  });

  return {
    document: {
      title,
      titleSpan,
      issuer,
      date,
      planningYear: o.planningYear,
      script: classifyScript(countScriptChars(text)),
      encoding: opts.encoding ?? 'utf-8',
      length: text.length,
      meeting: meetingMatch ? { members: meetingMatch.members, alternates: meetingMatch.alternates, span: originalSpan(a, meetingMatch.start, meetingMatch.end) } : null,
    },
    items,
    appendices,
    glossary,
    formulations,
    coverage: coverageOf(builder.sentences, nodes, o),
  };
}
