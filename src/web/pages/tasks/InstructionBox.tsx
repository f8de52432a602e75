/** 批示: a leader writes an instruction on the task (or on one of its reports); the task's units are notified. */
import { Alert, App, Button, Card, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useCreateInstruction } from '../../api/tasks.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useT } from '../../i18n/index.ts';

export function InstructionBox({ taskId, reportId, onDone }: { taskId: string; reportId?: string; onDone?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateInstruction();
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Card size="small" title={reportId ? t('loop.instruction.onReportTitle') : t('loop.instruction.heading')}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form name="instruction"
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          create.mutate(
            { taskId, text: v.text.trim(), reportId: reportId ?? null },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('loop.instruction.sent'));
                onDone?.();
              },
              onError: setError,
            },
          );
        }}
      >
        <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('loop.instruction.textRequired') }]} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={3} maxLength={5000} placeholder={t('loop.instruction.placeholder')} aria-label={t('loop.instruction.heading')} />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          {onDone ? <Button onClick={onDone}>{t('common.cancel')}</Button> : null}
          <Button type="primary" htmlType="submit" loading={create.isPending}>{t('loop.instruction.send')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
