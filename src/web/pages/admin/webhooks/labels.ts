/** Small helpers of the webhooks tab: the format's label and a URL reduced to its origin. */
import { useCallback } from 'react';
import { useI18n } from '../../../i18n/index.ts';

/** The scheme, host and port of a URL: robot URLs carry their access token in the path or query, so lists show only this. */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export function useFormatLabel(): (format: string) => string {
  const { tDynamic } = useI18n();
  return useCallback((format: string) => tDynamic(`admin.webhooks.format.${format}`, format), [tDynamic]);
}
