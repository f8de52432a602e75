/**
 * A programme's settings for its supervisors: title, supervisors, the completion policy (strict/lenient) and the
 * health rules that matter most in practice — the grace period after 交办 and the lag thresholds. Defaults come from
 * the core so the form shows what is in force when nothing is stored.
 */
import { Alert, App, Checkbox, Divider, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { defaultHealthThresholds } from '../../../core/tasks/health.ts';
import { useUpdateProgramme, type Programme } from '../../api/programmes.ts';
import { useUsers } from '../../api/users.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

const EDITED = ['graceDays', 'gracePct', 'lagYellowPct', 'lagRedPct', 'nearDueDays'] as const;
type Edited = (typeof EDITED)[number];

interface Values extends Record<Edited, number> {
  title: string;
  description?: string;
  supervisorIds: string[];
  completionPolicy: 'strict' | 'lenient';
  archived: boolean;
}

export function ProgrammeSettingsModal({ programme, onClose }: { programme: Programme; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const errorText = useErrorText();
  const phone = usePhone();
  const update = useUpdateProgramme(programme.id);
  const supervisors = useUsers({ role: 'supervisor', active: true }, { enabled: can('user.read') });
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const stored = (programme.healthThresholds ?? {}) as Partial<Record<string, number>>;
  const initial: Values = {
    title: programme.title,
    description: programme.description ?? undefined,
    supervisorIds: programme.supervisorIds,
    completionPolicy: programme.completionPolicy,
    archived: programme.status === 'archived',
    ...(Object.fromEntries(EDITED.map((k) => [k, typeof stored[k] === 'number' ? stored[k] : defaultHealthThresholds[k]])) as Record<Edited, number>),
  };
  const number = (name: Edited, max: number) => (
    <Form.Item name={name} label={t(`programme.settings.${name}`)} rules={[{ required: true, type: 'number', min: 0, max }]} style={{ marginBottom: 12 }}>
      <InputNumber min={0} max={max} precision={0} style={{ width: 120 }} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t('programme.settings.title')}
      okText={t('common.save')}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={phone ? undefined : 640}
      style={phone ? { top: 12 } : undefined}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> name="programmeSettings"
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          setError(null);
          // Only the edited keys change; any other stored threshold is kept as it is.
          const healthThresholds = { ...stored, ...Object.fromEntries(EDITED.map((k) => [k, v[k]])) } as Record<string, number>;
          update.mutate(
            {
              version: programme.version,
              title: v.title.trim(),
              description: v.description?.trim() || null,
              supervisorIds: v.supervisorIds,
              completionPolicy: v.completionPolicy,
              status: v.archived ? 'archived' : 'active',
              healthThresholds,
            },
            { onSuccess: () => { void message.success(t('programme.settings.saved')); onClose(); }, onError: setError },
          );
        }}
      >
        <Form.Item name="title" label={t('loop.programme.title')} rules={[{ required: true, whitespace: true, max: 300, message: t('loop.programme.titleRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('loop.programme.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="supervisorIds" label={t('loop.programme.supervisors')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(supervisors.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        <Divider titlePlacement="start" plain>{t('programme.settings.rules')}</Divider>
        <Form.Item name="completionPolicy">
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="strict">{t('programme.settings.strict')}</Radio>
              <Radio value="lenient">{t('programme.settings.lenient')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Divider titlePlacement="start" plain>{t('programme.settings.health')}</Divider>
        <Space wrap size={[24, 0]} align="start">
          {number('graceDays', 365)}
          {number('gracePct', 100)}
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>{t('programme.settings.graceHint')}</Typography.Paragraph>
        <Space wrap size={[24, 0]} align="start">
          {number('lagYellowPct', 100)}
          {number('lagRedPct', 100)}
          {number('nearDueDays', 365)}
        </Space>
        <Form.Item name="archived" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('programme.settings.archived')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
