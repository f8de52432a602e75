/**
 * The analysis copy: the original text in Simplified characters with fullwidth punctuation and halfwidth digits,
 * kept offset-for-offset with the original so every span found on the copy is a span of the original.
 */
import { convertToHans } from './opencc.ts';

export interface AnalysisText {
  /** Simplified, punctuation-normalised copy. */
  norm: string;
  /** Original offset of each copy offset; null when the copy is offset-for-offset identical (the usual case). */
  toOriginal: Int32Array | null;
  originalLength: number;
}

// Halfwidth punctuation that Chinese text uses interchangeably with the fullwidth forms.
const PUNCT: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '(': '（',
  ')': '）',
  '!': '！',
  '?': '？',
  '．': '.',
  '｡': '。',
  '､': '、',
  '〔': '（',
  '〕': '）',
  '［': '【',
  '］': '】',
};

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Maps one character of the Simplified copy to its analysis form; same UTF-16 length always. */
function normaliseChars(s: string): string {
  let changed = false;
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c >= 0xff10 && c <= 0xff19) rep = String.fromCharCode(c - 0xfee0); // fullwidth digits
    else if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) rep = String.fromCharCode(c - 0xfee0);
    else if (c === 0xff05) rep = '%';
    else if (c === 0xff0e) rep = '.';
    else if (c >= 0xf900 && c <= 0xfaff) {
      // CJK compatibility ideographs (some Big5 decoders produce them): use the unified character.
      const n = s[i]?.normalize('NFC');
      if (n && n.length === 1) rep = n;
    } else if (c < 0x80 || c === 0xff61 || c === 0xff64 || c === 0x3014 || c === 0x3015 || c === 0xff3b || c === 0xff3d) {
      const ch = s[i] ?? '';
      const mapped = PUNCT[ch];
      if (mapped) {
        // 1,000 and 10:30 are numbers, not clause breaks.
        if (!((ch === ',' || ch === ':') && isDigit(s[i - 1]) && isDigit(s[i + 1]))) rep = mapped;
      }
    }
    if (rep !== undefined) {
      parts.push(s.slice(last, i), rep);
      last = i + 1;
      changed = true;
    }
  }
  if (!changed) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

const PIECE = /[^\s，。；：！？、,.;:!?（）()“”"'《》]+|[\s\S]/gu;

/** Builds the analysis copy of `text`. Cheap when the text is already Simplified. */
export function analyseText(text: string): AnalysisText {
  const simplified = convertToHans(text);
  if (simplified.length === text.length) {
    return { norm: normaliseChars(simplified), toOriginal: null, originalLength: text.length };
  }
  // A conversion changed length (a supplementary-plane character on one side only). Convert piece by piece so
  // that offsets drift only inside the pieces that changed.
  const map: number[] = [];
  let copy = '';
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    const at = m.index ?? 0;
    const conv = convertToHans(piece);
    copy += conv;
    if (conv.length === piece.length) for (let k = 0; k < conv.length; k++) map.push(at + k);
    else for (let k = 0; k < conv.length; k++) map.push(at + Math.min(piece.length - 1, Math.floor((k * piece.length) / conv.length)));
  }
  return { norm: normaliseChars(copy), toOriginal: Int32Array.from(map), originalLength: text.length };
}

/** Original offset of an analysis-copy offset (an exclusive end maps to the end of the previous character). */
export function originalOffset(a: AnalysisText, offset: number, isEnd = false): number {
  const map = a.toOriginal;
  if (!map) return offset;
  if (offset <= 0) return 0;
  if (offset >= map.length) return a.originalLength;
  const here = map[offset] ?? 0;
  if (!isEnd) return here;
  const before = map[offset - 1] ?? 0;
  return here > before ? here : before + 1;
}

/** Maps a span of the analysis copy to the original. */
export function originalSpan(a: AnalysisText, start: number, end: number): [number, number] {
  const s = originalOffset(a, start);
  const e = originalOffset(a, end, true);
  return [s, Math.max(s, e)];
}
