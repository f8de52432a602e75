/**
 * The home page's inbox. Its lists (assignments to sign for, reports to review, reminders and escalations) arrive with
 * the task loop; until then it says so instead of showing invented items.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Card, Empty } from 'antd';
import { useT } from '../../i18n/index.ts';

export function InboxPlaceholder() {
  const t = useT();
  return (
    <section aria-labelledby="home-inbox">
      <Card title={<span id="home-inbox"><InboxOutlined /> {t('home.inbox.title')}</span>}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.inbox.empty')} />
      </Card>
    </section>
  );
}
