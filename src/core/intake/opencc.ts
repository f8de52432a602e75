/**
 * Lazily built OpenCC converters and character classes. Building the Simplified→Traditional converter costs
 * about half a second (49k phrases), so nothing here is built before it is first needed.
 */
import { Converter } from 'opencc-js';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';

type Convert = (text: string) => string;

let toHans: Convert | null = null;
let toHant: Convert | null = null;
let hkExtra: Map<string, string> | null = null;
let hkExtraPattern: RegExp | null = null;

function pairs(dictionary: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of dictionary.split('|')) {
    const space = entry.indexOf(' ');
    if (space > 0) out.push([entry.slice(0, space), entry.slice(space + 1)]);
  }
  return out;
}

/** Traditional (any regional standard) → Simplified. `tw` rather than `t` so that 著力 becomes 着力. */
export function convertToHans(text: string): string {
  let convert = toHans;
  if (!convert) {
    const base: Convert = Converter({ from: 'tw', to: 'cn' });
    convert = base;
    toHans = base;
    // Hong Kong variants that the Taiwan table leaves alone (衞 → 卫): derive them once from OpenCC's own tables
    // instead of keeping a hand list.
    const extra = new Map<string, string>();
    for (const [hk, standard] of pairs(HKVariantsRev)) {
      if (hk.length !== 1 || base(hk) !== hk) continue;
      const simplified = base(standard);
      if (simplified !== hk && simplified.length === hk.length) extra.set(hk, simplified);
    }
    hkExtra = extra;
    hkExtraPattern = extra.size ? new RegExp(`[${[...extra.keys()].join('')}]`, 'gu') : null;
  }
  const converted = convert(text);
  const pattern = hkExtraPattern;
  const extra = hkExtra;
  if (!pattern || !extra) return converted;
  pattern.lastIndex = 0;
  return pattern.test(converted) ? converted.replace(pattern, (c) => extra.get(c) ?? c) : converted;
}

/** Simplified → Traditional (Taiwan standard characters, no Taiwan vocabulary). */
export function convertToHant(text: string): string {
  const convert: Convert = toHant ?? Converter({ from: 'cn', to: 'tw' });
  toHant = convert;
  return convert(text);
}

/**
 * Simplified characters that are also ordinary Traditional characters (干 若干, 于 姓, 后 皇后, 并 并州 …).
 * They say nothing about the script of a text, and machine converters leave them unconverted.
 */
const SHARED =
  '干于后并斗范余里台丑云仆伙佣凄准几凶划占厘吁吃咸唇岩岳峰帘庄床征据朴杠杰栖洒涂涌游灶炖熏痴皂秘粽群肴腊蚝蜡蝎辟郁采雇霉松谷折苏向舍制致周注卷克困借朱筑冲钟';

let simplifiedOnly: Set<number> | null = null;
let traditionalOnly: Set<number> | null = null;
let simplifiedDefault: Map<string, string> | null = null;

function buildClasses(): void {
  const shared = new Set([...SHARED].map((c) => c.codePointAt(0) ?? 0));
  const s = new Set<number>();
  const defaults = new Map<string, string>();
  for (const [from, to] of pairs(STCharacters)) {
    if (from === to) continue;
    defaults.set(from, to);
    const cp = from.codePointAt(0) ?? 0;
    if (!shared.has(cp)) s.add(cp);
  }
  const t = new Set<number>();
  for (const [from, to] of pairs(TSCharacters)) {
    if (from !== to) t.add(from.codePointAt(0) ?? 0);
  }
  // A character that is a key of both tables (rare variants) proves nothing either way.
  for (const cp of s) if (t.has(cp)) { s.delete(cp); t.delete(cp); }
  simplifiedOnly = s;
  traditionalOnly = t;
  simplifiedDefault = defaults;
}

/** Code points found only in Simplified text. */
export function simplifiedOnlyChars(): Set<number> {
  if (!simplifiedOnly) buildClasses();
  return simplifiedOnly ?? new Set();
}

/** Code points found only in Traditional text. */
export function traditionalOnlyChars(): Set<number> {
  if (!traditionalOnly) buildClasses();
  return traditionalOnly ?? new Set();
}

/** OpenCC's context-free Traditional form of a Simplified character (干 → 幹), or undefined when it has none. */
export function defaultTraditional(char: string): string | undefined {
  if (!simplifiedDefault) buildClasses();
  return simplifiedDefault?.get(char);
}
