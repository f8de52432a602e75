/**
 * An indicator's plan — name, unit, baseline, target, direction, tolerance, the unit responsible and its dates — as
 * form fields, shared by creating an indicator and correcting one, so the two forms cannot drift apart. The period
 * is chosen only when creating: figures are keyed by it.
 */
import { DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { IndicatorDetailResponse } from '../../api/measure.ts';
import { useUnits } from '../../api/units.ts';
import { useI18n } from '../../i18n/index.ts';

type Indicator = IndicatorDetailResponse['indicator'];

export interface IndicatorPlanValues {
  name: string;
  unit?: string;
  baseline: number;
  target: number;
  direction: Indicator['direction'];
  tolerance?: number | null;
  responsibleUnitId: string;
  span: [Dayjs, Dayjs];
}

/** The plan as the API takes it, in a create and in an update alike. */
export function planOf(v: IndicatorPlanValues) {
  return {
    name: v.name.trim(),
    unit: v.unit?.trim() ?? '',
    baseline: v.baseline,
    target: v.target,
    direction: v.direction,
    tolerance: v.tolerance ?? null,
    responsibleUnitId: v.responsibleUnitId,
    startDate: v.span[0].format('YYYY-MM-DD'),
    endDate: v.span[1].format('YYYY-MM-DD'),
  };
}

export function IndicatorPlanFields({ withPeriod = false }: { withPeriod?: boolean }) {
  const { t } = useI18n();
  const units = useUnits();
  const required = [{ required: true, message: t('measure.indicator.required') }];
  return (
    <>
      <Form.Item name="name" label={t('measure.indicator.name')} rules={[{ required: true, whitespace: true, message: t('measure.indicator.nameRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="unit" label={t('measure.indicator.unit')}><Input maxLength={40} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="baseline" label={t('measure.indicator.baseline')} rules={required}><InputNumber style={{ width: 140 }} /></Form.Item>
        <Form.Item name="target" label={t('measure.indicator.target')} rules={required}><InputNumber style={{ width: 140 }} /></Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="direction" label={t('measure.indicator.direction')}>
          <Select style={{ width: 160 }} options={(['at_least', 'at_most', 'equal'] as const).map((d) => ({ value: d, label: t(`measure.direction.${d}`) }))} />
        </Form.Item>
        {withPeriod ? (
          <Form.Item name="period" label={t('measure.indicator.period')}>
            <Select style={{ width: 120 }} options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`measure.period.${p}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="tolerance" label={t('measure.indicator.tolerance')}><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
      </Flex>
      <Form.Item name="responsibleUnitId" label={t('measure.indicator.responsibleUnit')} rules={required}>
        <Select options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="span" label={t('measure.indicator.span')} rules={required}>
        <DatePicker.RangePicker allowClear={false} />
      </Form.Item>
    </>
  );
}
