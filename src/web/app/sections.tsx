/** The sections of the app: one list drives the navigation menu and the cards on the home page. */
import {
  AuditOutlined, BarChartOutlined, FileTextOutlined, HomeOutlined, SettingOutlined, UnorderedListOutlined,
  ReadOutlined, FileSearchOutlined,
} from '@ant-design/icons';
import { AimOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { PlainMessageKey } from '../i18n/index.ts';
import type { AuthValue } from './auth.tsx';

export interface Section {
  path: string;
  icon: ReactNode;
  label: PlainMessageKey;
  /** One sentence for the home page card; the home section has none. */
  description: PlainMessageKey | null;
  visible(auth: AuthValue): boolean;
}

export const SECTIONS: readonly Section[] = [
  { path: '/', icon: <HomeOutlined aria-hidden />, label: 'nav.home', description: null, visible: () => true },
  { path: '/ledger', icon: <UnorderedListOutlined aria-hidden />, label: 'nav.ledger', description: 'home.card.ledger', visible: (a) => a.can('task.read') },
  { path: '/documents', icon: <FileTextOutlined aria-hidden />, label: 'nav.documents', description: 'home.card.documents', visible: (a) => a.can('document.read') },
  { path: '/supervision', icon: <AuditOutlined aria-hidden />, label: 'nav.supervision', description: 'home.card.supervision', visible: (a) => a.can('task.read') },
  { path: '/indicators', icon: <AimOutlined aria-hidden />, label: 'nav.indicators', description: 'home.card.indicators', visible: (a) => a.can('task.read') },
  { path: '/evaluations', icon: <TrophyOutlined aria-hidden />, label: 'nav.evaluations', description: 'home.card.evaluations', visible: (a) => a.can('evaluation.read') },
  { path: '/stats', icon: <BarChartOutlined aria-hidden />, label: 'nav.stats', description: 'home.card.stats', visible: (a) => a.can('task.read') },
  { path: '/relays', icon: <ReadOutlined aria-hidden />, label: 'nav.relays', description: 'home.card.relays', visible: (a) => a.can('document.read') },
  { path: '/inspections', icon: <FileSearchOutlined aria-hidden />, label: 'nav.inspections', description: 'home.card.inspections', visible: (a) => a.can('task.read') },
  {
    path: '/admin',
    icon: <SettingOutlined aria-hidden />,
    label: 'nav.admin',
    description: 'home.card.admin',
    visible: (a) => a.canAny('unit.manage', 'user.manage', 'audit.read', 'webhook.manage'),
  },
];

/** Paths that belong to another section's menu entry: a task page is part of the ledger. */
const SECTION_ALIASES: Record<string, string> = { '/tasks': '/ledger' };

/** The section a path belongs to: its first segment ('/documents/42' → '/documents', '/tasks/7' → '/ledger'). */
export function sectionOf(pathname: string): string {
  const first = pathname.split('/')[1];
  const section = first ? `/${first}` : '/';
  return SECTION_ALIASES[section] ?? section;
}
