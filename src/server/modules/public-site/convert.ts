/** Converts every string of a JSON value to one script (ids and dates are ASCII, so they pass through unchanged). */
import { convertToHans, convertToHant } from '../../../core/intake/opencc.ts';

export function convertDeep<T>(value: T, script: 'hans' | 'hant'): T {
  const convert = script === 'hant' ? convertToHant : convertToHans;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return /[^\u0020-\u007e]/u.test(v) ? convert(v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
