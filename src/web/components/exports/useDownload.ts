/** A download with a progress message: bytes received while it streams, the file name when done, errors in words. */
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { downloadFile } from '../../api/exports.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

export function useDownload(): { busy: boolean; download(url: string, fallbackName: string): Promise<boolean> } {
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const download = useCallback(async (url: string, fallbackName: string) => {
    const key = `download-${url}`;
    setBusy(true);
    void message.open({ key, type: 'loading', content: t('exports.downloading', { name: fallbackName }), duration: 0 });
    try {
      const name = await downloadFile(url, fallbackName, ({ loaded, total }) => {
        const size = total ? `${Math.round((loaded / total) * 100)}%` : `${formatNumber(Math.round(loaded / 1024))} KB`;
        void message.open({ key, type: 'loading', content: `${t('exports.downloading', { name: fallbackName })} ${t('exports.received', { size })}`, duration: 0 });
      });
      void message.open({ key, type: 'success', content: t('exports.done', { name }), duration: 3 });
      return true;
    } catch (err) {
      void message.open({ key, type: 'error', content: errorText(err), duration: 6 });
      return false;
    } finally {
      setBusy(false);
    }
  }, [errorText, formatNumber, message, t]);
  return { busy, download };
}
