/** The UI's i18n: `useT()` for messages, `useI18n()` for the locale and formatters. See docs/ui.md. */
import { useContext } from 'react';
import { I18nContext, type I18nValue } from './I18nProvider.tsx';
import type { TFunction } from './translate.ts';

export { I18nProvider } from './I18nProvider.tsx';
export type { I18nValue } from './I18nProvider.tsx';
export { LOCALES, LOCALE_AUTONYMS, detectLocale, isLocale, type Locale } from './locale.ts';
export type { MessageKey, PlainMessageKey, TFunction } from './translate.ts';

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translate function of the active locale: `t('nav.home')`, `t('home.greeting', { name })`. */
export function useT(): TFunction {
  return useI18n().t;
}
