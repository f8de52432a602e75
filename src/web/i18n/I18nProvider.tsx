/** The active locale for the whole UI: messages, Intl formatters, the html lang attribute and the remembered choice. */
import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatters, type Formatters } from './format.ts';
import { detectLocale, storedLocale, storeLocale, type Locale } from './locale.ts';
import { translateDynamic, translator, type TFunction } from './translate.ts';

export interface I18nValue extends Formatters {
  locale: Locale;
  /** Switches the UI and remembers the choice in this browser (saving it on the server is the caller's job). */
  setLocale(locale: Locale): void;
  t: TFunction;
  /** Translates a key assembled at run time, or gives `fallback` when the catalogue lacks it. */
  tDynamic(key: string, fallback: string, params?: Record<string, string | number>): string;
}

export const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? storedLocale() ?? detectLocale());

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(() => ({
    locale,
    setLocale,
    t: translator(locale),
    tDynamic: (key, fallback, params) => translateDynamic(locale, key, params) ?? fallback,
    ...formatters(locale),
  }), [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
