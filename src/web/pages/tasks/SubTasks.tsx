/** The task's sub-tasks the reader may see, each with its state, lead unit, due date, progress and health. */
import { Card, Flex, List, Progress, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Task } from '../../api/tasks.ts';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { useUnitName } from '../../components/loop/names.ts';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { useI18n } from '../../i18n/index.ts';

export function SubTasks({ tasks }: { tasks: Task[] }) {
  const { t, formatDate } = useI18n();
  const unitName = useUnitName();
  if (tasks.length === 0) return null;
  return (
    <Card size="small" title={t('loop.task.children', { count: tasks.length })}>
      <List
        size="small"
        dataSource={tasks}
        renderItem={(c) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
              <Flex align="center" gap={8} style={{ minWidth: 0 }}>
                <HealthDot colour={c.health} summary={c.healthSummary} />
                <Link to={`/tasks/${encodeURIComponent(c.id)}`} style={{ overflowWrap: 'anywhere' }}>
                  {c.label ? `${c.label} ` : ''}{c.title}
                </Link>
              </Flex>
              <Flex gap={8} wrap align="center" style={{ fontSize: 12 }}>
                <StateTag state={c.state} />
                <Typography.Text type="secondary">{c.leadUnitId ? unitName(c.leadUnitId) : '—'}</Typography.Text>
                {c.dueDate ? <Typography.Text type="secondary">{t('loop.dueOn', { date: formatDate(c.dueDate) })}</Typography.Text> : null}
                <Progress percent={c.progress} size="small" style={{ width: 120, margin: 0 }} />
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
