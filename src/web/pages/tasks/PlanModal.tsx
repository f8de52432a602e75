/**
 * The plan of a task for its supervisors (`PATCH /api/v1/tasks/:id`): title, description, dates, cadence, weight,
 * tags; units and owner too while it is a draft (afterwards units change by reassignment). Sends only what changed.
 */
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { usePatchTask, type TaskDetail, type TaskPlanPatch } from '../../api/tasks.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useT } from '../../i18n/index.ts';
import { CadenceFields, cadenceOf, cadenceValues, coUnitsOf, fromDay, OwnerField, sameCadence, toDay, UnitFields, type CadenceValues, type UnitValues } from './fields.tsx';

interface Values extends UnitValues, CadenceValues {
  title: string;
  description?: string | null;
  startDate?: Dayjs | null;
  dueDate?: Dayjs | null;
  weight?: number | null;
  tags?: string[];
}

export function PlanModal({ detail, onClose }: { detail: TaskDetail; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = usePhone();
  const patch = usePatchTask();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const { task } = detail;
  const draft = task.state === 'draft';

  const initial: Values = {
    title: task.title,
    description: task.description,
    startDate: fromDay(task.startDate),
    dueDate: fromDay(task.dueDate),
    weight: task.weight,
    tags: task.tags,
    leadUnitId: task.leadUnitId ?? undefined,
    coUnits: task.coUnits.map((c) => ({ unitId: c.unitId, part: c.part ?? undefined })),
    ownerUserId: task.ownerUserId,
    ...cadenceValues(task.cadence),
  };

  const submit = async (v: Values) => {
    setError(null);
    const changes: TaskPlanPatch = { version: task.version };
    if (v.title.trim() !== task.title) changes.title = v.title.trim();
    const description = v.description?.trim() || null;
    if (description !== task.description) changes.description = description;
    if (toDay(v.startDate) !== task.startDate) changes.startDate = toDay(v.startDate);
    if (toDay(v.dueDate) !== task.dueDate) changes.dueDate = toDay(v.dueDate);
    const cadence = cadenceOf(v);
    if (!sameCadence(cadence, task.cadence)) changes.cadence = cadence;
    if (v.weight !== null && v.weight !== undefined && v.weight !== task.weight) changes.weight = v.weight;
    const tags = [...new Set((v.tags ?? []).map((x) => x.trim()).filter(Boolean))];
    if (JSON.stringify(tags) !== JSON.stringify(task.tags)) changes.tags = tags;
    // A lead unit or owner is set, not cleared, here: the server's body coercion turns a null id into "" and fails.
    if (draft) {
      if (v.leadUnitId && v.leadUnitId !== task.leadUnitId) changes.leadUnitId = v.leadUnitId;
      const coUnits = coUnitsOf(v);
      if (JSON.stringify(coUnits) !== JSON.stringify(task.coUnits)) changes.coUnits = coUnits;
    }
    if (v.ownerUserId && v.ownerUserId !== task.ownerUserId) changes.ownerUserId = v.ownerUserId;
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    try {
      await patch.mutateAsync({ taskId: task.id, ...changes });
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal
      open
      title={t('loop.plan.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={patch.isPending}
      destroyOnHidden
      width={680}
      style={phone ? { top: 12 } : undefined}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> name="taskPlan" form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item name="title" label={t('loop.task.title')} rules={[{ required: true, whitespace: true, max: 500, message: t('loop.plan.titleRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="description" label={t('loop.task.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Form.Item label={t('loop.plan.dates')} style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Form.Item name="startDate" style={{ flex: '1 1 200px' }}>
              <DatePicker placeholder={t('loop.task.startDate')} aria-label={t('loop.task.startDate')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="dueDate" style={{ flex: '1 1 200px' }}>
              <DatePicker placeholder={t('loop.task.dueDate')} aria-label={t('loop.task.dueDate')} style={{ width: '100%' }} />
            </Form.Item>
          </div>
        </Form.Item>
        <CadenceFields form={form} />
        {draft ? <UnitFields form={form} leadRequired={false} /> : <OwnerField leadUnitId={task.leadUnitId} />}
        <Form.Item name="weight" label={t('loop.task.weight')} extra={t('loop.task.weightHint')}>
          <InputNumber min={0} max={1000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="tags" label={t('loop.task.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
