/**
 * A document's original text with the spans of tree items highlighted. Clicking the text picks the innermost item
 * under the pointer (and tells the character offset, for splits); `focus` scrolls a span into view. Offsets are
 * UTF-16 code units into the original text, exactly as the server's spans.
 */
import { theme } from 'antd';
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { Span } from '../../api/documents.ts';
import { scrollToCentre } from './scroll.ts';

export interface SourceMark {
  id: string;
  span: Span;
  /** Left out of the draft: shown without a background, in grey. */
  dim?: boolean;
  /** Guidance rather than work (principles, goals, requirements, reviews): a green tint. */
  guidance?: boolean;
}

/** A stretch of text with an explanation (a glossary term where it occurs). */
export interface SourceNote {
  span: Span;
  title: string;
}

/** A request to bring a span into view; a new `nonce` scrolls again to the same span. */
export interface SourceFocus {
  span: Span;
  nonce: number;
}

export interface SourceTextProps {
  text: string;
  marks: readonly SourceMark[];
  selectedId?: string | null;
  /** Directive sentences no task covers: underlined in red. */
  uncovered?: readonly Span[];
  /** Terms the document explains (名词解释): dotted underline, the explanation on hover and to screen readers. */
  notes?: readonly SourceNote[];
  focus?: SourceFocus | null;
  /** A click in the text: the innermost item there (or null) and the character offset under the pointer. */
  onPick?(pick: { id: string | null; offset: number }): void;
  /** The text the reader has selected with the mouse or keyboard, as a span (null when nothing is selected). */
  onSelectRange?(span: Span | null): void;
  lang?: string;
  ariaLabel: string;
}

interface Segment {
  start: number;
  end: number;
  /** Index into `marks` of the innermost item covering the segment, or -1. */
  mark: number;
  uncovered: boolean;
  /** Index into `notes` of a note covering the segment, or -1. */
  note: number;
}

/** Cuts the text at every span boundary and finds the innermost (shortest) item over each piece, in one sweep. */
function segment(length: number, marks: readonly SourceMark[], uncovered: readonly Span[], extra: Span | null, notes: readonly SourceNote[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  for (const n of notes) {
    cuts.add(clamp(n.span[0]));
    cuts.add(clamp(n.span[1]));
  }
  const noteOrder = notes.map((_, i) => i).sort((a, b) => notes[a]!.span[0] - notes[b]!.span[0]);
  let nextNote = 0;
  for (const m of marks) {
    cuts.add(clamp(m.span[0]));
    cuts.add(clamp(m.span[1]));
  }
  for (const s of uncovered) {
    cuts.add(clamp(s[0]));
    cuts.add(clamp(s[1]));
  }
  if (extra) {
    cuts.add(clamp(extra[0]));
    cuts.add(clamp(extra[1]));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const order = marks.map((_, i) => i).sort((a, b) => marks[a]!.span[0] - marks[b]!.span[0] || marks[b]!.span[1] - marks[a]!.span[1]);
  const gaps = [...uncovered].sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let active: number[] = [];
  let next = 0;
  let gap = 0;
  for (let p = 0; p + 1 < points.length; p++) {
    const start = points[p]!;
    const end = points[p + 1]!;
    while (next < order.length && marks[order[next]!]!.span[0] <= start) active.push(order[next++]!);
    active = active.filter((i) => marks[i]!.span[1] > start);
    let inner = -1;
    for (const i of active) {
      if (marks[i]!.span[0] > start) continue;
      const len = marks[i]!.span[1] - marks[i]!.span[0];
      if (inner < 0 || len <= marks[inner]!.span[1] - marks[inner]!.span[0]) inner = i;
    }
    while (gap < gaps.length && gaps[gap]![1] <= start) gap++;
    const g = gaps[gap];
    while (nextNote < noteOrder.length && notes[noteOrder[nextNote]!]!.span[1] <= start) nextNote++;
    const n = noteOrder[nextNote];
    const note = n !== undefined && notes[n]!.span[0] <= start && notes[n]!.span[1] >= end ? n : -1;
    out.push({ start, end, mark: inner, uncovered: Boolean(g && g[0] <= start && g[1] >= end), note });
  }
  return out;
}

/** The character offset under a point, from the browser's caret-at-point API (null where it has none). */
export function offsetAtPoint(x: number, y: number): number | null {
  let node: Node | null = null;
  let offset = 0;
  if ('caretPositionFromPoint' in document && typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    if (p) {
      node = p.offsetNode;
      offset = p.offset;
    }
  } else if ('caretRangeFromPoint' in document && typeof document.caretRangeFromPoint === 'function') {
    const r = document.caretRangeFromPoint(x, y);
    if (r) {
      node = r.startContainer;
      offset = r.startOffset;
    }
  }
  return node ? offsetIn(node, offset) : null;
}

/** Maps a DOM position inside a segment to an offset in the whole text. */
function offsetIn(node: Node, offset: number): number | null {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const seg = el?.closest<HTMLElement>('[data-s]');
  if (!seg) return null;
  const base = Number(seg.dataset.s);
  return node.nodeType === Node.TEXT_NODE ? base + offset : base;
}

const NONE: readonly Span[] = [];
const NO_NOTES: readonly SourceNote[] = [];

function SourceTextImpl({ text, marks, selectedId, uncovered = NONE, notes = NO_NOTES, focus, onPick, onSelectRange, lang, ariaLabel }: SourceTextProps) {
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const focusSpan = focus?.span ?? null;
  const segments = useMemo(() => segment(text.length, marks, uncovered, focusSpan, notes), [text.length, marks, uncovered, focusSpan, notes]);
  const selected = useMemo(() => marks.find((m) => m.id === selectedId)?.span ?? null, [marks, selectedId]);

  // Bring the requested span to the middle of the pane (and the pane into the window).
  useEffect(() => {
    if (!focus || !ref.current) return;
    scrollToCentre(ref.current.querySelector(`[data-s="${Math.max(0, focus.span[0])}"]`));
  }, [focus]);

  const click = (e: MouseEvent<HTMLDivElement>) => {
    if (!onPick) return;
    const selection = window.getSelection();
    // A drag that selected text is a selection, not a click.
    if (selection && !selection.isCollapsed && ref.current?.contains(selection.anchorNode)) return;
    const seg = (e.target as HTMLElement).closest<HTMLElement>('[data-s]');
    if (!seg) return;
    const offset = offsetAtPoint(e.clientX, e.clientY) ?? Number(seg.dataset.s);
    onPick({ id: seg.dataset.item ?? null, offset });
  };

  const selectionEnded = () => {
    if (!onSelectRange) return;
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode || !ref.current?.contains(selection.anchorNode) || !ref.current.contains(selection.focusNode)) {
      onSelectRange(null);
      return;
    }
    const a = offsetIn(selection.anchorNode, selection.anchorOffset);
    const b = offsetIn(selection.focusNode, selection.focusOffset);
    onSelectRange(a === null || b === null || a === b ? null : [Math.min(a, b), Math.max(a, b)]);
  };

  return (
    <div
      ref={ref}
      role="document"
      aria-label={ariaLabel}
      lang={lang}
      onClick={click}
      onMouseUp={selectionEnded}
      onKeyUp={selectionEnded}
      onTouchEnd={selectionEnded}
      style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9, overflowWrap: 'anywhere', maxWidth: '44em', margin: '0 auto' }}
    >
      {segments.map((s) => {
        const mark = s.mark >= 0 ? marks[s.mark]! : null;
        const isSelected = selected !== null && s.start >= selected[0] && s.end <= selected[1];
        const inFocus = focusSpan !== null && s.start >= focusSpan[0] && s.end <= focusSpan[1];
        const background = isSelected
          ? token.colorWarningBgHover
          : mark && !mark.dim
            ? mark.guidance ? token.colorSuccessBg : token.colorInfoBg
            : undefined;
        // A thin bar where an item starts tells neighbouring clauses apart under the same tint.
        const starts = mark !== null && s.start === mark.span[0] && !mark.dim;
        const shadows = [
          starts ? `inset 2px 0 0 ${mark.guidance ? token.colorSuccessBorder : token.colorInfoBorder}` : null,
          isSelected ? `inset 0 -2px 0 ${token.colorWarning}` : null,
        ].filter(Boolean);
        const note = s.note >= 0 ? notes[s.note]! : null;
        return (
          <span
            key={s.start}
            data-s={s.start}
            data-item={mark?.id}
            data-note={note ? 'true' : undefined}
            title={note?.title}
            aria-description={note?.title}
            data-selected={isSelected ? 'true' : undefined}
            data-uncovered={s.uncovered ? 'true' : undefined}
            style={{
              background,
              color: mark?.dim && !isSelected ? token.colorTextQuaternary : undefined,
              cursor: mark && onPick ? 'pointer' : undefined,
              boxShadow: shadows.length ? shadows.join(', ') : undefined,
              paddingInlineStart: starts ? 3 : undefined,
              outline: inFocus && !isSelected ? `2px dashed ${token.colorWarningBorder}` : undefined,
              textDecoration: s.uncovered ? `underline wavy ${token.colorError}` : note ? `underline dotted ${token.colorPrimary}` : undefined,
              textUnderlineOffset: s.uncovered || note ? 5 : undefined,
              borderRadius: 2,
            }}
          >
            {text.slice(s.start, s.end)}
          </span>
        );
      })}
    </div>
  );
}

/**
 * Memoised: thousands of segments should not re-render when only the tree around them changed (ticks, expansion).
 * Pass stable handlers (useStableCallback) and memoised marks for this to work.
 */
export const SourceText = memo(SourceTextImpl);
