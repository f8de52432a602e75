/** Any unknown path inside the app. */
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useT } from '../i18n/index.ts';

export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  useDocumentTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.description')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('notFound.home')}</Button>}
    />
  );
}
