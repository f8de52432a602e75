/** A failed request, said in the reader's language, with an optional retry. */
import { Alert, Button } from 'antd';
import { useT } from '../i18n/index.ts';
import { useErrorText } from '../i18n/errors.ts';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
