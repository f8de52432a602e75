/** Turns any thrown value into a sentence for the reader: our catalogue's text for known codes, else the server's. */
import { useCallback } from 'react';
import { isApiError } from '../api/client.ts';
import { useI18n } from './index.ts';

function minutesOf(details: Record<string, unknown> | undefined): number | null {
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

export function useErrorText(): (err: unknown) => string {
  const { t, tDynamic } = useI18n();
  return useCallback((err: unknown) => {
    if (!isApiError(err)) return t('error.unexpected');
    if (err.code === 'too_many_attempts') {
      const minutes = minutesOf(err.details);
      return minutes ? t('error.too_many_attempts', { minutes }) : err.message;
    }
    // Unknown codes fall back to the server's own message, which is always a full sentence.
    return tDynamic(`error.${err.code}`, err.message || t('error.unexpected'));
  }, [t, tDynamic]);
}
