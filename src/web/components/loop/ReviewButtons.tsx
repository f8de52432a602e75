/** 审核: accept a submitted report, or return (退回) it with a reason — shown only when the report's abilities allow. */
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { useAcceptReport, useReturnReport, type Report } from '../../api/reports.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useT } from '../../i18n/index.ts';

type Reviewable = Pick<Report, 'id' | 'version'> & { abilities: Pick<Report['abilities'], 'accept' | 'return'> };

export function ReviewButtons({ report, size }: { report: Reviewable; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const accept = useAcceptReport();
  const ret = useReturnReport();
  const [returning, setReturning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason: string }>();

  if (!report.abilities.accept && !report.abilities.return) return null;
  return (
    <Flex gap={8} wrap>
      {report.abilities.accept ? (
        <Popconfirm
          title={t('loop.review.confirmAccept')}
          description={t('loop.review.acceptHint')}
          okText={t('loop.review.accept')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            accept.mutateAsync({ id: report.id, version: report.version }).then(
              () => void message.success(t('loop.review.accepted')),
              (err: unknown) => void message.error(errorText(err)),
            )
          }
        >
          <Button type="primary" size={size} loading={accept.isPending}>{t('loop.review.accept')}</Button>
        </Popconfirm>
      ) : null}
      {report.abilities.return ? (
        <Button danger size={size} onClick={() => { setError(null); setReturning(true); }}>{t('loop.review.return')}</Button>
      ) : null}
      {returning ? (
        <Modal
          open
          title={t('loop.review.returnTitle')}
          okText={t('loop.review.return')}
          okButtonProps={{ danger: true }}
          confirmLoading={ret.isPending}
          onCancel={() => setReturning(false)}
          onOk={() => form.submit()}
          destroyOnHidden
        >
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
          <Form name="reportReview"
            form={form}
            layout="vertical"
            onFinish={(v) => {
              setError(null);
              ret.mutate(
                { id: report.id, reason: v.reason.trim(), version: report.version },
                {
                  onSuccess: () => {
                    void message.success(t('loop.review.returned'));
                    setReturning(false);
                  },
                  onError: setError,
                },
              );
            }}
          >
            <Form.Item name="reason" label={t('loop.review.returnReason')} rules={[{ required: true, whitespace: true, message: t('loop.reasonRequired') }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount autoFocus />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Flex>
  );
}
