/** The section navigation (side bar on wide screens, drawer on phones). */
import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useT } from '../i18n/index.ts';
import { useAuth } from './auth.tsx';
import { SECTIONS, sectionOf } from './sections.tsx';

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const auth = useAuth();
  const { pathname } = useLocation();
  const items = SECTIONS.filter((s) => s.visible(auth)).map((s) => ({
    key: s.path,
    icon: s.icon,
    label: <Link to={s.path} onClick={onNavigate}>{t(s.label)}</Link>,
  }));
  return <Menu mode="inline" selectedKeys={[sectionOf(pathname)]} items={items} style={{ borderInlineEnd: 'none' }} />;
}
