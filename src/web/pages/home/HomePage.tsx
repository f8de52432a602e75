/** 工作台: who you are, what waits for you (the inbox), and where you can go. */
import { Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useUnits } from '../../api/units.ts';
import { useAuth, useCurrentUser } from '../../app/auth.tsx';
import { SECTIONS } from '../../app/sections.tsx';
import { useRoleLabel } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.ts';
import { Inbox } from './Inbox.tsx';
import { RoleHome } from './RoleHome.tsx';

export default function HomePage() {
  const t = useT();
  const auth = useAuth();
  const { user } = useCurrentUser();
  const units = useUnits();
  const roleLabel = useRoleLabel();
  const unitName = units.data?.items.find((u) => u.id === user.unitId)?.name;
  const cards = SECTIONS.filter((s) => s.description && s.visible(auth));

  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: user.displayName })}
        subtitle={
          <Space size={8} wrap>
            {unitName ? <span>{unitName}</span> : null}
            {user.roles.map((r) => <Tag key={r} color="blue">{roleLabel(r)}</Tag>)}
          </Space>
        }
      />
      <Flex vertical gap={24}>
        <RoleHome />
        <Inbox />
        <section aria-labelledby="home-sections">
          <Typography.Title level={4} id="home-sections">{t('home.sections')}</Typography.Title>
          <Row gutter={[16, 16]}>
            {cards.map((s) => (
              <Col key={s.path} xs={24} sm={12} lg={8}>
                <Link to={s.path} style={{ display: 'block', height: '100%' }}>
                  <Card hoverable style={{ height: '100%' }}>
                    <Card.Meta
                      avatar={<span style={{ fontSize: 22 }}>{s.icon}</span>}
                      title={t(s.label)}
                      description={s.description ? t(s.description) : null}
                    />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </section>
      </Flex>
    </>
  );
}
