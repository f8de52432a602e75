/** Creates a unit under a chosen parent (or at the top level). */
import { App, Form, Input, Modal, TreeSelect } from 'antd';
import { useCreateUnit } from '../../../api/units.ts';
import type { Unit } from '../../../api/types.ts';
import { unitOptions } from '../../../components/units.ts';
import { useT } from '../../../i18n/index.ts';
import { useErrorText } from '../../../i18n/errors.ts';

interface Values {
  name: string;
  parentId?: string;
}

export function CreateUnitModal({ open, parentId, units, onClose, onCreated }: {
  open: boolean;
  parentId: string | null;
  units: readonly Unit[];
  onClose(): void;
  onCreated(unit: Unit): void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const submit = (values: Values) => {
    create.mutate({ name: values.name.trim(), parentId: values.parentId ?? null }, {
      onSuccess: (unit) => {
        void message.success(t('units.created', { name: unit.name }));
        form.resetFields();
        onCreated(unit);
      },
      onError: (err) => void message.error(errorText(err)),
    });
  };

  return (
    <Modal
      open={open}
      title={t('units.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values> name="unit-create" form={form} layout="vertical" onFinish={submit} initialValues={{ parentId: parentId ?? undefined }} preserve={false}>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('units.nameRequired') }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')} extra={t('units.parentHint')}>
          <TreeSelect treeData={unitOptions(units)} allowClear treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('units.topLevel')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
