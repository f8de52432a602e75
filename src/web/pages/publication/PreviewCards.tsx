/** The public content of a programme as cards: exactly the JSON the public pages are made from. */
import { Card, Empty, Flex, List, Progress, Space, Typography } from 'antd';
import type { PublicProgramme } from '../../api/publication.ts';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { useI18n } from '../../i18n/index.ts';

export function PreviewCards({ content }: { content: PublicProgramme }) {
  const { t, formatDate } = useI18n();
  if (content.areas.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('public.preview.empty')} />;
  return (
    <Flex vertical gap={12}>
      {content.areas.map((area) => (
        <Card key={area.id ?? 'other'} size="small" title={area.title ? `${area.label ? `${area.label} ` : ''}${area.title}` : t('public.otherTasks')}>
          <List
            dataSource={area.tasks}
            renderItem={(task) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{`${task.label ? `${task.label} ` : ''}${task.title}`}</Typography.Text>
                  <Space wrap size={[12, 4]}>
                    <span>{t('loop.task.leadUnit')}：{task.leadUnit ?? t('public.noUnit')}</span>
                    <span>{t('loop.task.dueDate')}：{task.dueDate ? formatDate(task.dueDate) : '—'}</span>
                    <StateTag state={task.state} />
                    <HealthDot colour={task.health} summary={task.healthReason} withLabel />
                  </Space>
                  <Progress percent={Math.round(task.progress)} size="small" style={{ maxWidth: 320 }} />
                  <Typography.Text type="secondary">
                    {t('public.preview.updates', { count: task.updates.length })} · {t('public.preview.leads', { count: task.leads.length })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Flex>
  );
}
