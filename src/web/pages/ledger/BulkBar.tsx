/**
 * The ledger's bulk actions on the selected rows: 批量交办 (a lead unit and, optionally, a deadline), 设定时限 and
 * 批量催办. The server does all or nothing; when it refuses, every refused row is listed with the reason.
 */
import { BellOutlined, CalendarOutlined, CloseOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, TreeSelect, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { refusedRows, useBulkTasks, type BulkAction, type BulkRowResult } from '../../api/bulk.ts';
import type { Task } from '../../api/tasks.ts';
import { useUnits } from '../../api/units.ts';
import { unitOptions } from '../../components/units.ts';
import { useI18n } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';

export interface BulkBarProps {
  selected: readonly Task[];
  onClear(): void;
}

interface Values {
  leadUnitId?: string;
  dueDate?: Dayjs | null;
  message?: string;
}

export function BulkBar({ selected, onClear }: BulkBarProps) {
  const { t, tDynamic, formatNumber } = useI18n();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const units = useUnits();
  const bulk = useBulkTasks();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [refused, setRefused] = useState<BulkRowResult[] | null>(null);
  const [form] = Form.useForm<Values>();
  const count = formatNumber(selected.length);
  const titleOf = new Map(selected.map((task) => [task.id, task.title]));

  const close = () => {
    setAction(null);
    setRefused(null);
    form.resetFields();
  };

  const submit = (values: Values) => {
    if (!action) return;
    bulk.mutate({
      action,
      taskIds: selected.map((task) => task.id),
      ...(values.leadUnitId ? { leadUnitId: values.leadUnitId } : {}),
      ...(values.dueDate ? { dueDate: values.dueDate.format('YYYY-MM-DD') } : {}),
      ...(values.message?.trim() ? { message: values.message.trim() } : {}),
    }, {
      onSuccess: (res) => {
        void message.success(t('programme.bulk.done', { count: formatNumber(res.results.length) }));
        close();
        onClear();
      },
      onError: (err) => {
        const rows = refusedRows(err);
        if (rows) setRefused(rows.filter((r) => !r.ok));
        else void message.error(errorText(err));
      },
    });
  };

  const titles: Record<BulkAction, string> = {
    assign: t('programme.bulk.assignTitle', { count }),
    setDueDate: t('programme.bulk.dueTitle', { count }),
    remind: t('programme.bulk.remindTitle', { count }),
  };

  return (
    <>
      <Flex
        role="toolbar"
        aria-label={t('programme.bulk.selected', { count })}
        gap={8}
        wrap
        align="center"
        style={{ padding: '8px 12px', marginBottom: 8, background: token.colorPrimaryBg, borderRadius: token.borderRadius }}
      >
        <Typography.Text strong>{t('programme.bulk.selected', { count })}</Typography.Text>
        <Button size="small" type="primary" icon={<SendOutlined aria-hidden />} onClick={() => setAction('assign')}>{t('programme.bulk.assign')}</Button>
        <Button size="small" icon={<CalendarOutlined aria-hidden />} onClick={() => setAction('setDueDate')}>{t('programme.bulk.setDueDate')}</Button>
        <Button size="small" icon={<BellOutlined aria-hidden />} onClick={() => setAction('remind')}>{t('programme.bulk.remind')}</Button>
        <Button size="small" type="text" icon={<CloseOutlined aria-hidden />} onClick={onClear}>{t('programme.bulk.clear')}</Button>
      </Flex>
      <Modal
        open={action !== null}
        title={action ? titles[action] : ''}
        okText={t('programme.bulk.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={bulk.isPending}
        onCancel={close}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Values> name="bulkAction" form={form} layout="vertical" onFinish={submit} preserve={false}>
          {action === 'assign' ? (
            <Form.Item name="leadUnitId" label={t('intake.field.leadUnit')} rules={[{ required: true, message: t('error.lead_unit_required') }]}>
              <TreeSelect treeData={unitOptions(units.data?.items ?? [])} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} loading={units.isPending} />
            </Form.Item>
          ) : null}
          {action === 'assign' || action === 'setDueDate' ? (
            <Form.Item name="dueDate" label={t('intake.field.dueDate')} rules={action === 'setDueDate' ? [{ required: true, message: t('error.due_date_required') }] : []}>
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          {action === 'remind' ? (
            <Form.Item name="message" label={t('programme.bulk.message')}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          ) : null}
        </Form>
        {refused?.length ? (
          <Alert
            type="error"
            showIcon
            title={t('programme.bulk.refused', { count: formatNumber(refused.length) })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="bulk-refused">
                {refused.map((r) => <li key={r.taskId}>{titleOf.get(r.taskId) ?? r.taskId} — {tDynamic(`error.${r.code ?? 'unexpected'}`, r.message ?? t('error.unexpected'))}</li>)}
              </ul>
            }
          />
        ) : null}
      </Modal>
    </>
  );
}
