/** Typed message lookup with `{name}` interpolation. The zh-Hans catalogue defines the key set and the parameters. */
import { en } from './en.ts';
import type { Locale } from './locale.ts';
import { zhHans, type Messages } from './zh-Hans.ts';
import { zhHant } from './zh-Hant.ts';

export type MessageKey = keyof typeof zhHans;

/** The `{placeholders}` of a message, read from its zh-Hans text at compile time. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;
export type MessageParams<K extends MessageKey> = ParamNames<(typeof zhHans)[K]>;

/** Keys whose message takes no parameters: what a table of labels may hold. */
export type PlainMessageKey = { [K in MessageKey]: [MessageParams<K>] extends [never] ? K : never }[MessageKey];

export type TranslateArgs<K extends MessageKey> =
  [MessageParams<K>] extends [never] ? [] : [params: Record<MessageParams<K>, string | number>];

export type TFunction = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

export const CATALOGUES: Record<Locale, Messages> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhHans, key);
}

export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translate function bound to one locale. */
export function translator(locale: Locale): TFunction {
  const messages = CATALOGUES[locale];
  return ((key: MessageKey, params?: Record<string, string | number>) => interpolate(messages[key], params)) as TFunction;
}

/** Looks up a key built at run time (a role, an error code); undefined when the catalogue has no such key. */
export function translateDynamic(locale: Locale, key: string, params?: Record<string, string | number>): string | undefined {
  return isMessageKey(key) ? interpolate(CATALOGUES[locale][key], params) : undefined;
}
