/** A supervisor corrects an indicator's plan: name, unit, baseline, target, direction, tolerance, unit responsible, dates. */
import { Alert, DatePicker, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useUpdateIndicator, type IndicatorDetailResponse } from '../../api/measure.ts';
import { useUnits } from '../../api/units.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

interface Values {
  name: string;
  unit?: string;
  baseline: number;
  target: number;
  direction: 'at_least' | 'at_most' | 'equal';
  tolerance?: number | null;
  responsibleUnitId: string;
  span: [Dayjs, Dayjs];
}

export function EditIndicatorModal({ indicator, onClose }: { indicator: IndicatorDetailResponse['indicator']; onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const units = useUnits();
  const update = useUpdateIndicator(indicator.id);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const required = [{ required: true, message: t('measure.indicator.required') }];
  return (
    <Modal open title={t('measure.indicator.edit')} okText={t('common.save')} confirmLoading={update.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          name: indicator.name, unit: indicator.unit, baseline: indicator.baseline, target: indicator.target, direction: indicator.direction,
          tolerance: indicator.tolerance, responsibleUnitId: indicator.responsibleUnitId, span: [dayjs(indicator.startDate), dayjs(indicator.endDate)],
        }}
        onFinish={(v) => {
          setError(null);
          update.mutate({
            version: indicator.version,
            name: v.name.trim(),
            unit: v.unit?.trim() ?? '',
            baseline: v.baseline,
            target: v.target,
            direction: v.direction,
            tolerance: v.tolerance ?? null,
            responsibleUnitId: v.responsibleUnitId,
            startDate: v.span[0].format('YYYY-MM-DD'),
            endDate: v.span[1].format('YYYY-MM-DD'),
          }, { onSuccess: onClose, onError: setError });
        }}
      >
        <Form.Item name="name" label={t('measure.indicator.name')} rules={[{ required: true, whitespace: true, message: t('measure.indicator.nameRequired') }]}><Input maxLength={200} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="unit" label={t('measure.indicator.unit')}><Input maxLength={40} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="baseline" label={t('measure.indicator.baseline')} rules={required}><InputNumber style={{ width: 140 }} /></Form.Item>
          <Form.Item name="target" label={t('measure.indicator.target')} rules={required}><InputNumber style={{ width: 140 }} /></Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="direction" label={t('measure.indicator.direction')}>
            <Select style={{ width: 160 }} options={(['at_least', 'at_most', 'equal'] as const).map((d) => ({ value: d, label: t(`measure.direction.${d}`) }))} />
          </Form.Item>
          <Form.Item name="tolerance" label={t('measure.indicator.tolerance')}><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
        </Flex>
        <Form.Item name="responsibleUnitId" label={t('measure.indicator.responsibleUnit')} rules={required}>
          <Select options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="span" label={t('measure.indicator.span')} rules={required}><DatePicker.RangePicker allowClear={false} /></Form.Item>
      </Form>
    </Modal>
  );
}
