/** Which script a text is written in, and showing it in the reader's script. */
import { convertToHans, convertToHant, simplifiedOnlyChars, traditionalOnlyChars } from './opencc.ts';
import type { Script } from './types.ts';

export interface ScriptCounts {
  simplified: number;
  traditional: number;
}

/** Counts characters that occur only in Simplified or only in Traditional writing. */
export function countScriptChars(text: string, start = 0, end = text.length): ScriptCounts {
  const s = simplifiedOnlyChars();
  const t = traditionalOnlyChars();
  let simplified = 0;
  let traditional = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    if (s.has(c)) simplified++;
    else if (t.has(c)) traditional++;
  }
  return { simplified, traditional };
}

/** Classifies counts: a minority script above 10% (and at least five characters) makes a text mixed. */
export function classifyScript({ simplified, traditional }: ScriptCounts): Script {
  const total = simplified + traditional;
  if (total === 0) return 'hans';
  const minority = Math.min(simplified, traditional);
  if (minority >= 5 && minority / total > 0.1) return 'mixed';
  return traditional > simplified ? 'hant' : 'hans';
}

/** Detects Simplified, Traditional or mixed writing. Text without any distinguishing character counts as Simplified. */
export function detectScript(text: string): Script {
  return classifyScript(countScriptChars(text));
}

/** Shows `text` in the reader's script: `hans` (Simplified) or `hant` (Traditional, Taiwan standard characters). */
export function toScript(text: string, script: 'hans' | 'hant'): string {
  return script === 'hans' ? convertToHans(text) : convertToHant(text);
}
