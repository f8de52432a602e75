/** The UI locales, how the first one is chosen, and where the choice is remembered in the browser. */
import { LOCALES, type Locale } from '../../core/locales.ts';

export type { Locale };
export { LOCALES };

/** Each language named in itself, so a reader can find their own whatever the current locale. */
export const LOCALE_AUTONYMS: Record<Locale, string> = {
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English',
};

/** The tag Intl uses for dates and numbers in each locale. */
export const INTL_TAGS: Record<Locale, string> = {
  'zh-Hans': 'zh-Hans-CN',
  'zh-Hant': 'zh-Hant-TW',
  en: 'en',
};

const STORAGE_KEY = 'luoshi.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps one BCP 47 tag to a UI locale: Traditional for zh-Hant/TW/HK/MO, Simplified for other Chinese, English for en. */
export function localeFromTag(tag: string): Locale | null {
  const t = tag.toLowerCase();
  if (t === 'zh' || t.startsWith('zh-')) {
    return /-(hant|tw|hk|mo)(-|$)/.test(t) ? 'zh-Hant' : 'zh-Hans';
  }
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The browser's preferred languages, first one we support; English otherwise. */
export function detectLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of languages) {
    const locale = localeFromTag(tag);
    if (locale) return locale;
  }
  return 'en';
}

export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only (and on the server once signed in).
  }
}
