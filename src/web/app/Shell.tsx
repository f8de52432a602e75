/** The signed-in frame: top bar (product, language, user menu), section navigation, and the page. */
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, theme, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useT } from '../i18n/index.ts';
import { NavMenu } from './NavMenu.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { SearchBox } from './SearchBox.tsx';
import { FullPageSpin } from './RequireAuth.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useChooseLocale } from './useChooseLocale.ts';

const HEADER_HEIGHT = 56;

export function Shell() {
  const t = useT();
  const chooseLocale = useChooseLocale();
  const { token } = theme.useToken();
  const phone = usePhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: HEADER_HEIGHT,
          lineHeight: `${HEADER_HEIGHT}px`,
          paddingInline: phone ? 8 : 20,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Flex align="center" gap={phone ? 4 : 12} style={{ height: '100%' }}>
          {phone ? (
            <Button type="text" icon={<MenuOutlined aria-hidden />} aria-label={t('nav.open')} onClick={() => setDrawerOpen(true)} />
          ) : null}
          <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
          </Link>
          <div style={{ flex: 1 }} />
          <SearchBox compact={phone} />
          <NotificationBell />
          <LocaleSwitch onChange={chooseLocale} />
          <UserMenu compact={phone} />
        </Flex>
      </Layout.Header>
      <Layout>
        {phone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.name')}
            size={260}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('nav.label')}>
              <NavMenu onNavigate={() => setDrawerOpen(false)} />
            </nav>
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <nav aria-label={t('nav.label')} style={{ position: 'sticky', top: HEADER_HEIGHT }}>
              <NavMenu />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1280, marginInline: 'auto' }}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
