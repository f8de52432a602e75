/** The user's own page: profile and password on one tab, API tokens on the other. */
import { Col, Row, Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.ts';
import { PasswordCard } from './PasswordCard.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { TokensCard } from './TokensCard.tsx';

export default function ProfilePage() {
  const t = useT();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = pathname === '/profile/tokens' ? 'tokens' : 'profile';
  return (
    <>
      <PageHeader title={tab === 'tokens' ? t('user.tokens') : t('user.profile')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'tokens' ? '/profile/tokens' : '/profile')}
        items={[
          {
            key: 'profile',
            label: t('user.profile'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}><ProfileCard /></Col>
                <Col xs={24} lg={12}><PasswordCard /></Col>
              </Row>
            ),
          },
          { key: 'tokens', label: t('user.tokens'), children: <TokensCard /> },
        ]}
      />
    </>
  );
}
