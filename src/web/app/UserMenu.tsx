/** The user's menu in the top bar: profile, API tokens, sign out. */
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex } from 'antd';
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
          { key: 'profile', icon: <UserOutlined aria-hidden />, label: t('user.profile') },
          { key: 'tokens', icon: <KeyOutlined aria-hidden />, label: t('user.tokens') },
          { type: 'divider' },
          { key: 'signout', icon: <LogoutOutlined aria-hidden />, label: t('user.signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/profile');
          else if (key === 'tokens') navigate('/profile/tokens');
          else if (key === 'signout') {
            signOut.mutate(undefined, {
              // A full page load rather than a client-side route: every cache of this user's data goes with it.
              onSuccess: () => window.location.replace('/signin'),
              onError: (err) => void message.error(errorText(err)),
            });
          }
        },
      }}
    >
      <Button type="text" aria-label={t('user.menu', { name: user.displayName })} style={{ paddingInline: 6 }}>
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined aria-hidden />} />
          {compact ? null : <span>{user.displayName}</span>}
        </Flex>
      </Button>
    </Dropdown>
  );
}
