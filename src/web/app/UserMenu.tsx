/** The user's menu in the top bar: profile, API tokens, sign out. */
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useSignOut } from '../api/session.ts';
import { useT } from '../i18n/index.ts';
import { useErrorText } from '../i18n/errors.ts';
import { useCurrentUser } from './auth.tsx';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'profile', icon: <UserOutlined />, label: t('user.profile') },
          { key: 'tokens', icon: <KeyOutlined />, label: t('user.tokens') },
          { type: 'divider' },
          { key: 'signout', icon: <LogoutOutlined />, label: t('user.signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/profile');
          else if (key === 'tokens') navigate('/profile/tokens');
          else if (key === 'signout') {
            signOut.mutate(undefined, {
              // The session is forgotten locally either way; only a network failure is worth a word.
              onError: (err) => void message.error(errorText(err)),
              onSettled: () => navigate('/signin', { replace: true }),
            });
          }
        },
      }}
    >
      <Button type="text" aria-label={t('user.menu', { name: user.displayName })} style={{ paddingInline: 6 }}>
        <Avatar size="small" icon={<UserOutlined />} />
        {compact ? null : <span>{user.displayName}</span>}
      </Button>
    </Dropdown>
  );
}
