/** Switching the UI language: at once in the browser, and saved to the user's profile when signed in. */
import { App } from 'antd';
import { useCallback } from 'react';
import { useUpdateProfile } from '../api/session.ts';
import { useI18n, type Locale } from '../i18n/index.ts';
import { useErrorText } from '../i18n/errors.ts';
import { useAuth } from './auth.tsx';

export function useChooseLocale(): (locale: Locale) => void {
  const { setLocale } = useI18n();
  const { me } = useAuth();
  const { mutate } = useUpdateProfile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback((locale: Locale) => {
    setLocale(locale);
    if (me && me.user.locale !== locale) mutate({ locale }, { onError: (err) => void message.error(errorText(err)) });
  }, [setLocale, me, mutate, message, errorText]);
}
