/**
 * The bell in the top bar: the unread count (polled every minute and when the tab regains focus) and a drawer with
 * the latest notifications — 催办, 督办, 批示, returned reports — to open their task and mark them read.
 */
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount, type Notification } from '../api/notices.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.ts';

export function NotificationBell() {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = usePhone();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications(locale, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;
  const fail = (err: unknown) => void message.error(errorText(err));

  const openTask = (n: Notification, taskId: string | null) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: fail });
    if (taskId) {
      setOpen(false);
      navigate(`/tasks/${encodeURIComponent(taskId)}`);
    }
  };

  return (
    <>
      <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined aria-hidden />}
          aria-label={count ? t('loop.notifications.openUnread', { count }) : t('loop.notifications.open')}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('loop.notifications.title')}
        size={phone ? '100%' : 420}
        extra={
          <Button size="small" disabled={count === 0} loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onError: fail })}>
            {t('loop.notifications.markAllRead')}
          </Button>
        }
      >
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Skeleton active />
        ) : list.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.notifications.empty')} />
        ) : (
          <List
            dataSource={list.data.items}
            renderItem={(n) => (
              <List.Item style={{ paddingInline: 0 }}>
                {/* The title already names the kind (【催办】, 【督办】, 【批示】 …) in the reader's language. */}
                <Flex vertical gap={2} style={{ minWidth: 0, opacity: n.readAt ? 0.65 : 1 }}>
                  <Flex gap={6} align="baseline">
                    {n.readAt ? null : <Badge status="processing" aria-label={t('loop.notifications.unread')} />}
                    {n.taskId ? (
                      <Typography.Link strong={!n.readAt} onClick={() => openTask(n, n.taskId)} style={{ overflowWrap: 'anywhere' }}>{n.title}</Typography.Link>
                    ) : (
                      <Typography.Text strong={!n.readAt} style={{ overflowWrap: 'anywhere' }}>{n.title}</Typography.Text>
                    )}
                  </Flex>
                  {/* The task went to another unit: the notice stays as sent, with no link to a page the reader may not open. */}
                  {n.noLongerYours ? <Tag style={{ alignSelf: 'flex-start' }}>{t('loop.notifications.noLongerYours')}</Tag> : null}
                  {n.items ? (
                    <>
                      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.body.split('\n')[0]}</Typography.Paragraph>
                      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                        {n.items.map((it, i) => (
                          <li key={`${it.taskId ?? 'gone'}-${i}`}>
                            {it.taskId ? (
                              <Typography.Link onClick={() => openTask(n, it.taskId)} style={{ overflowWrap: 'anywhere' }}>{it.title}</Typography.Link>
                            ) : (
                              <Typography.Text style={{ overflowWrap: 'anywhere' }}>{it.title} <Tag>{t('loop.notifications.noLongerYours')}</Tag></Typography.Text>
                            )}
                            {it.dueDate ? <Typography.Text type="secondary"> {t('loop.dueOn', { date: formatDate(it.dueDate) })}</Typography.Text> : null}
                          </li>
                        ))}
                      </ol>
                    </>
                  ) : (
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
                  )}
                  <Flex gap={12} align="center" wrap>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}><time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time></Typography.Text>
                    {n.readAt ? null : (
                      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => markRead.mutate(n.id, { onError: fail })}>
                        {t('loop.notifications.markRead')}
                      </Button>
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
