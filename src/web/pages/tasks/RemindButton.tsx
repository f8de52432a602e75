/** 催办 by hand: a supervisor reminds the task's units now, with an optional message (at most one per 10 minutes). */
import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { useRemind } from '../../api/notices.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useT } from '../../i18n/index.ts';

export function RemindButton({ taskId }: { taskId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const remind = useRemind();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ message?: string }>();

  const describe = (err: unknown) => {
    const seconds = isApiError(err) ? err.details?.retryAfterSeconds : undefined;
    return isApiError(err) && err.code === 'reminder_too_soon' && typeof seconds === 'number'
      ? t('loop.remind.tooSoon', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
      : errorText(err);
  };

  return (
    <>
      <Button icon={<BellOutlined />} onClick={() => { setError(null); setOpen(true); }}>{t('loop.remind.button')}</Button>
      {open ? (
        <Modal
          open
          title={t('loop.remind.title')}
          okText={t('loop.remind.send')}
          confirmLoading={remind.isPending}
          onCancel={() => setOpen(false)}
          onOk={() => form.submit()}
          destroyOnHidden
        >
          {error ? <Alert type="error" showIcon title={describe(error)} style={{ marginBottom: 12 }} /> : null}
          <Form name="reminder"
            form={form}
            layout="vertical"
            onFinish={(v) =>
              remind.mutate(
                { taskId, message: v.message?.trim() || null },
                {
                  onSuccess: (r) => {
                    void message.success(t('loop.remind.sent', { count: r.recipients }));
                    setOpen(false);
                  },
                  onError: setError,
                },
              )
            }
          >
            <Form.Item name="message" label={t('loop.remind.message')} extra={t('loop.remind.hint')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
