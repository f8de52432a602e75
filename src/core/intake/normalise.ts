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

const PUNCT_CODES = new Map<number, number>(Object.entries(PUNCT).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));
const COMMA = 0x2c;
const COLON = 0x3a;

function isDigitCode(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** Maps each code unit of the Simplified copy to its analysis form; the length never changes. */
function normaliseChars(s: string): string {
  let out: Uint16Array | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep = -1;
    if (c >= 0xff10 && c <= 0xff19) rep = c - 0xfee0; // fullwidth digits
    else if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) rep = c - 0xfee0;
    else if (c === 0xff05) rep = 0x25;
    else if (c >= 0xf900 && c <= 0xfaff) {
      // CJK compatibility ideographs (some Big5 decoders produce them): use the unified character.
      const n = String.fromCharCode(c).normalize('NFC');
      if (n.length === 1) rep = n.charCodeAt(0);
    } else {
      const mapped = PUNCT_CODES.get(c);
      // 1,000 and 10:30 are numbers, not clause breaks.
      if (mapped !== undefined && !((c === COMMA || c === COLON) && isDigitCode(s.charCodeAt(i - 1)) && isDigitCode(s.charCodeAt(i + 1)))) rep = mapped;
    }
    if (rep >= 0 && rep !== c) {
      if (!out) {
        out = new Uint16Array(s.length);
        for (let k = 0; k < i; k++) out[k] = s.charCodeAt(k);
      }
      out[i] = rep;
    } else if (out) out[i] = c;
  }
  if (!out) return s;
  // fromCharCode keeps lone surrogates as they are, where a TextDecoder would replace them.
  const parts: string[] = [];
  for (let i = 0; i < out.length; i += 8192) parts.push(String.fromCharCode(...out.subarray(i, i + 8192)));
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
