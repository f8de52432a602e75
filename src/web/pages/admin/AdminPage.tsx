/** 管理: units, users, the audit log and webhooks, each tab shown only to those holding its permission. */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../../core/permissions.ts';
import { useAuth } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT, type PlainMessageKey } from '../../i18n/index.ts';
import { AuditTab } from './audit/AuditTab.tsx';
import { UnitsTab } from './units/UnitsTab.tsx';
import { UsersTab } from './users/UsersTab.tsx';
import { WebhooksTab } from './webhooks/WebhooksTab.tsx';

interface AdminTab {
  key: 'units' | 'users' | 'audit' | 'webhooks';
  label: PlainMessageKey;
  permission: Permission;
  render(): ReactNode;
}

const TABS: readonly AdminTab[] = [
  { key: 'units', label: 'admin.units', permission: 'unit.manage', render: () => <UnitsTab /> },
  { key: 'users', label: 'admin.users', permission: 'user.manage', render: () => <UsersTab /> },
  { key: 'audit', label: 'admin.audit', permission: 'audit.read', render: () => <AuditTab /> },
  { key: 'webhooks', label: 'admin.webhooks.tab', permission: 'webhook.manage', render: () => <WebhooksTab /> },
];

export default function AdminPage() {
  const t = useT();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const allowed = TABS.filter((tab) => can(tab.permission));
  const current = allowed.find((tab) => pathname === `/admin/${tab.key}`);
  const first = allowed[0];

  if (!current) return first ? <Navigate to={`/admin/${first.key}`} replace /> : null;
  return (
    <>
      <PageHeader title={t('nav.admin')} />
      <Tabs
        activeKey={current.key}
        onChange={(key) => navigate(`/admin/${key}`)}
        items={allowed.map((tab) => ({ key: tab.key, label: t(tab.label), children: tab.key === current.key ? tab.render() : null }))}
      />
    </>
  );
}
