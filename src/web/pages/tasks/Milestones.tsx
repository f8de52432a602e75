/** 节点: the task's dated checkpoints. Supervisors plan them (add, rename, re-date, delete); the lead unit marks them done. */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, List, Popconfirm, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAddMilestone, useDeleteMilestone, useUpdateMilestone, type Milestone } from '../../api/tasks.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { fromDay, toDay } from './fields.tsx';

interface Values {
  title: string;
  dueDate: Dayjs | null;
}

function MilestoneForm({ initial, busy, onSave, onCancel }: { initial?: Milestone; busy: boolean; onSave(v: { title: string; dueDate: string }): void; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <Form<Values> name={`milestone-${initial?.id ?? 'new'}`}
      layout="inline"
      initialValues={{ title: initial?.title ?? '', dueDate: fromDay(initial?.dueDate) }}
      onFinish={(v) => onSave({ title: v.title.trim(), dueDate: toDay(v.dueDate) ?? '' })}
      style={{ rowGap: 8, width: '100%' }}
    >
      <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('loop.milestone.titleRequired') }]} style={{ flex: '1 1 200px' }}>
        <Input placeholder={t('loop.milestone.title')} aria-label={t('loop.milestone.title')} maxLength={500} />
      </Form.Item>
      <Form.Item name="dueDate" rules={[{ required: true, message: t('loop.milestone.dateRequired') }]}>
        <DatePicker placeholder={t('loop.milestone.date')} aria-label={t('loop.milestone.date')} />
      </Form.Item>
      <Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}

export function Milestones({ taskId, milestones, canPlan, canMark }: { taskId: string; milestones: Milestone[]; canPlan: boolean; canMark: boolean }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddMilestone();
  const update = useUpdateMilestone();
  const remove = useDeleteMilestone();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  // The reader's calendar day: a milestone is late from the day after its date.
  const today = dayjs().format('YYYY-MM-DD');
  const fail = (err: unknown) => void message.error(errorText(err));

  if (milestones.length === 0 && !canPlan) return null;
  return (
    <Card
      size="small"
      title={t('loop.milestone.heading')}
      extra={canPlan && editing !== 'new' ? <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('loop.milestone.add')}</Button> : null}
    >
      {editing === 'new' ? (
        <div style={{ marginBottom: 12 }}>
          <MilestoneForm
            busy={add.isPending}
            onCancel={() => setEditing(null)}
            onSave={(v) => add.mutate({ taskId, ...v }, { onSuccess: () => setEditing(null), onError: fail })}
          />
        </div>
      ) : null}
      {milestones.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.milestone.empty')} />
      ) : (
        <List
          size="small"
          dataSource={milestones}
          renderItem={(m) =>
            editing === m.id ? (
              <List.Item>
                <MilestoneForm
                  initial={m}
                  busy={update.isPending}
                  onCancel={() => setEditing(null)}
                  onSave={(v) => update.mutate({ id: m.id, version: m.version, ...v }, { onSuccess: () => setEditing(null), onError: fail })}
                />
              </List.Item>
            ) : (
              <List.Item
                style={{ paddingInline: 0 }}
                actions={canPlan ? [
                  <Button key="edit" type="text" size="small" icon={<EditOutlined />} aria-label={t('loop.milestone.edit', { title: m.title })} onClick={() => setEditing(m.id)} />,
                  <Popconfirm key="delete" title={t('loop.milestone.confirmDelete', { title: m.title })} onConfirm={() => remove.mutate({ id: m.id, version: m.version }, { onError: fail })}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('loop.milestone.delete', { title: m.title })} />
                  </Popconfirm>,
                ] : undefined}
              >
                <Flex align="flex-start" gap={8} style={{ minWidth: 0 }}>
                  <Checkbox
                    checked={m.done}
                    disabled={!canMark || m.done || update.isPending}
                    aria-label={t('loop.milestone.markDone', { title: m.title })}
                    onChange={() => update.mutate({ id: m.id, version: m.version, done: true }, { onError: fail })}
                  />
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Typography.Text delete={m.done} style={{ overflowWrap: 'anywhere' }}>{m.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDate(m.dueDate)}
                      {m.done && m.doneAt ? ` · ${t('loop.milestone.doneAt', { at: formatDateTime(m.doneAt) })}` : null}
                      {!m.done && m.dueDate < today ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t('loop.milestone.overdue')}</Tag> : null}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </List.Item>
            )
          }
        />
      )}
    </Card>
  );
}
