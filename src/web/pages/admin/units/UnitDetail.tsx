/** One unit: rename, move, set its head; deactivate/reactivate; delete; add a sub-unit. */
import { DeleteOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Select, Tag, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import type { Unit } from '../../../api/types.ts';
import { useDeleteUnit, useUpdateUnit, type UnitPatch } from '../../../api/units.ts';
import { useUsers } from '../../../api/users.ts';
import { subtreeIds, unitOptions } from '../../../components/units.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useErrorText } from '../../../i18n/errors.ts';

interface Values {
  name: string;
  parentId?: string | null;
  headUserId?: string | null;
  description?: string;
  keywords?: string[];
}

const sameWords = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function UnitDetail({ unit, units, onCreateChild, onDeleted }: {
  unit: Unit;
  units: readonly Unit[];
  onCreateChild(): void;
  onDeleted(): void;
}) {
  const { t, formatDateTime } = useI18n();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUnit();
  const remove = useDeleteUnit();
  const members = useUsers({ unitId: unit.id });
  const { message } = App.useApp();
  const errorText = useErrorText();

  const parentChoices = useMemo(() => {
    const own = subtreeIds(units, unit.id);
    return unitOptions(units, (u) => !u.active || own.has(u.id));
  }, [units, unit.id]);

  const onError = (err: unknown) => void message.error(errorText(err));

  const save = (values: Values) => {
    const patch: UnitPatch = { version: unit.version };
    const name = values.name.trim();
    if (name !== unit.name) patch.name = name;
    const parentId = values.parentId ?? null;
    if (parentId !== unit.parentId) patch.parentId = parentId;
    const headUserId = values.headUserId ?? null;
    if (headUserId !== unit.headUserId) patch.headUserId = headUserId;
    const description = values.description?.trim() ?? '';
    const keywords = (values.keywords ?? []).map((k) => k.trim()).filter(Boolean);
    if (description !== (unit.duties?.description ?? '') || !sameWords(keywords, unit.duties?.keywords ?? [])) {
      patch.duties = description || keywords.length ? { description, keywords } : null;
    }
    if (Object.keys(patch).length === 1) {
      void message.info(t('common.noChanges'));
      return;
    }
    update.mutate({ id: unit.id, ...patch }, { onSuccess: () => void message.success(t('common.saved')), onError });
  };

  const setActive = (active: boolean) =>
    update.mutate({ id: unit.id, version: unit.version, active }, {
      onSuccess: () => void message.success(t(active ? 'units.reactivated' : 'units.deactivated', { name: unit.name })),
      onError,
    });

  const del = () =>
    remove.mutate(unit.id, {
      onSuccess: () => {
        void message.success(t('units.deleted', { name: unit.name }));
        onDeleted();
      },
      onError,
    });

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{unit.name}</span>
          {unit.active ? <Tag color="green">{t('units.active')}</Tag> : <Tag>{t('units.inactive')}</Tag>}
        </Flex>
      }
      extra={<Button icon={<PlusOutlined />} onClick={onCreateChild} disabled={!unit.active}>{t('units.createChild')}</Button>}
    >
      <Form<Values>
        name="unit-edit"
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ name: unit.name, parentId: unit.parentId ?? undefined, headUserId: unit.headUserId ?? undefined, description: unit.duties?.description ?? '', keywords: unit.duties?.keywords ?? [] }}
        disabled={update.isPending}
      >
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('units.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')} extra={t('units.parentHint')}>
          <TreeSelect treeData={parentChoices} allowClear treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('units.topLevel')} />
        </Form.Item>
        <Form.Item name="headUserId" label={t('units.head')} extra={t('units.headHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={members.isPending}
            placeholder={t('units.noHead')}
            options={(members.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})`, disabled: !u.active }))}
            notFoundContent={t('units.noMembers')}
          />
        </Form.Item>
        <Typography.Title level={5} style={{ marginTop: 8 }}>{t('programme.duties.title')}</Typography.Title>
        <Form.Item name="description" label={t('programme.duties.description')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('programme.duties.none')} />
        </Form.Item>
        <Form.Item name="keywords" label={t('programme.duties.keywords')} extra={t('programme.duties.keywordsHint')}>
          <Select mode="tags" tokenSeparators={['，', ',', '、', ' ']} open={false} suffixIcon={null} maxCount={100} aria-label={t('programme.duties.keywords')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>{t('common.save')}</Button>
      </Form>
      <Flex gap={8} wrap style={{ marginTop: 24, paddingTop: 16, borderTop: '1px solid rgba(5,5,5,0.06)' }}>
        {unit.active ? (
          <Popconfirm title={t('units.confirmDeactivate', { name: unit.name })} okText={t('units.deactivate')} cancelText={t('common.cancel')} onConfirm={() => setActive(false)}>
            <Button icon={<StopOutlined />}>{t('units.deactivate')}</Button>
          </Popconfirm>
        ) : (
          <Button icon={<UndoOutlined />} onClick={() => setActive(true)}>{t('units.reactivate')}</Button>
        )}
        <Popconfirm
          title={t('units.confirmDelete', { name: unit.name })}
          description={t('units.deleteHint')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={del}
        >
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>{t('common.delete')}</Button>
        </Popconfirm>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        {t('units.updatedAt', { at: formatDateTime(unit.updatedAt) })}
      </Typography.Paragraph>
    </Card>
  );
}
