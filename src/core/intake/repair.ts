/**
 * Reviewable repairs of machine-converted Traditional text. Converters that map one character at a time leave
 * Simplified characters with several Traditional forms unconverted (干部, 于, 并, 后, 斗争, 防范). We propose the
 * Traditional form OpenCC gives in context, but only where the original character is a Simplified or shared form:
 * the round trip also "corrects" 掌握發展 into 掌握髮展 and 對表 into 對錶, and those must never be proposed.
 */
import { convertToHans, convertToHant, defaultTraditional } from './opencc.ts';
import { countScriptChars } from './script.ts';
import { splitLines } from './text-units.ts';
import type { Repair } from './types.ts';

export type { Repair } from './types.ts';


/** Lists the characters of a Traditional (or mixed) text that look like leftovers of a machine conversion. */
export function proposeRepairs(text: string): Repair[] {
  const out: Repair[] = [];
  for (const line of splitLines(text)) {
    const { simplified, traditional } = countScriptChars(text, line.start, line.end);
    // Only lines written in Traditional are repaired: a Simplified passage is not a failed conversion.
    if (traditional === 0 || simplified > traditional) continue;
    const original = text.slice(line.start, line.end);
    const hans = convertToHans(original);
    const hant = convertToHant(hans);
    if (hans.length !== original.length || hant.length !== original.length) continue;
    for (let i = 0; i < original.length; i++) {
      const from = original[i] ?? '';
      const to = hant[i] ?? '';
      if (from === to) continue;
      // 發 → 髮: the original is already a Traditional form; the round trip is wrong, not the text.
      if (hans[i] !== from) continue;
      const usual = defaultTraditional(from);
      // 表 → 錶: the character has no Traditional form of its own; a phrase table chose another word.
      if (!usual) continue;
      const at = line.start + i;
      const before = original.slice(Math.max(0, i - 2), i);
      const after = original.slice(i + 1, i + 3);
      out.push({
        span: [at, at + 1],
        from,
        to,
        confidence: to === usual ? 'high' : 'low',
        reason: `Simplified form left by a machine conversion: ${before}${from}${after} → ${before}${to}${after}`,
      });
    }
  }
  return out;
}

/** Applies the repairs a reviewer accepted; a repair whose span no longer holds its `from` text is ignored. */
export function applyRepairs(text: string, accepted: readonly Repair[]): string {
  const sorted = [...accepted].sort((a, b) => b.span[0] - a.span[0]);
  let out = text;
  let limit = Infinity;
  for (const r of sorted) {
    const [s, e] = r.span;
    if (e > limit || s < 0 || e > out.length || out.slice(s, e) !== r.from) continue;
    out = out.slice(0, s) + r.to + out.slice(e);
    limit = s;
  }
  return out;
}
