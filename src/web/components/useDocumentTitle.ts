/** Sets the browser tab title to "<page> · 落实 Luoshi" in the active language. */
import { useEffect } from 'react';
import { useT } from '../i18n/index.ts';

export function useDocumentTitle(title: string): void {
  const appName = useT()('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
