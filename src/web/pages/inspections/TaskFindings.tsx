/** On the task page: the findings the task answers (a 整改 task: its finding and inspection), when there are any. */
import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTaskFindings } from '../../api/mechanism.ts';
import { useI18n } from '../../i18n/index.ts';

export function TaskFindings({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const findings = useTaskFindings(taskId);
  const items = findings.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('mech.taskFindings.title')}>
      <List size="small" dataSource={items} renderItem={(f) => (
        <List.Item>
          <Flex vertical gap={4}>
            <Flex gap={6} wrap align="center">
              <Typography.Text>{f.title}</Typography.Text>
              <Tag>{t(`mech.severity.${f.severity}`)}</Tag>
              <Tag>{t(`mech.standing.${f.standing}`)}</Tag>
            </Flex>
            <Link to={`/inspections/${encodeURIComponent(f.inspectionId)}`}>{t('mech.taskFindings.inspection', { topic: f.inspectionTopic })}</Link>
          </Flex>
        </List.Item>
      )} />
    </Card>
  );
}
