/** Route guards: signed in (else to sign-in, remembering where the user wanted to go) and holding a permission. */
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Permission } from '../../core/permissions.ts';
import { useT } from '../i18n/index.ts';
import { useErrorText } from '../i18n/errors.ts';
import { useAuth } from './auth.tsx';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth() {
  const { status, error } = useAuth();
  const location = useLocation();
  const t = useT();
  const errorText = useErrorText();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error') {
    return (
      <Result
        status="error"
        title={t('app.unreachable')}
        subTitle={errorText(error)}
        extra={<Button type="primary" onClick={() => window.location.reload()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Shows its children only to users holding at least one of the permissions. */
export function RequireAnyPermission({ permissions, children }: { permissions: Permission[]; children: ReactNode }) {
  const { canAny } = useAuth();
  const t = useT();
  if (!canAny(...permissions)) return <Result status="403" title={t('app.forbidden')} />;
  return children;
}
