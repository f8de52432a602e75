/** A supervisor corrects an indicator's plan (everything but its programme and period). */
import { Alert, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useUpdateIndicator, type IndicatorDetailResponse } from '../../api/measure.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { IndicatorPlanFields, planOf, type IndicatorPlanValues } from './IndicatorPlanFields.tsx';

export function EditIndicatorModal({ indicator, onClose }: { indicator: IndicatorDetailResponse['indicator']; onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const update = useUpdateIndicator(indicator.id);
  const [form] = Form.useForm<IndicatorPlanValues>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal open title={t('measure.indicator.edit')} okText={t('common.save')} confirmLoading={update.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<IndicatorPlanValues>
        // Named, so its fields' ids do not collide with the figure and peer forms on the page behind it.
        name="indicator"
        form={form}
        layout="vertical"
        initialValues={{
          name: indicator.name, unit: indicator.unit, baseline: indicator.baseline, target: indicator.target, direction: indicator.direction,
          tolerance: indicator.tolerance, responsibleUnitId: indicator.responsibleUnitId, span: [dayjs(indicator.startDate), dayjs(indicator.endDate)],
        }}
        onFinish={(v) => {
          setError(null);
          update.mutate({ version: indicator.version, ...planOf(v) }, { onSuccess: onClose, onError: setError });
        }}
      >
        <IndicatorPlanFields />
      </Form>
    </Modal>
  );
}
