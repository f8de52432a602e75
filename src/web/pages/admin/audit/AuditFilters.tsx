/** The audit log's filters: object type, action, actor and a date range (whole days in the reader's time zone). */
import { AutoComplete, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { GetProps } from 'antd';
import type { AuditFilter } from '../../../api/audit.ts';
import { useUsers } from '../../../api/users.ts';
import { useAuth } from '../../../app/auth.tsx';
import { usePhone } from '../../../components/usePhone.ts';
import { useT } from '../../../i18n/index.ts';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

interface Values {
  objectType?: string;
  action?: string;
  actorId?: string;
  range?: RangeValue;
}

const OBJECT_TYPES = ['unit', 'user', 'api_token'];

export function AuditFilters({ onApply }: { onApply(filter: AuditFilter): void }) {
  const t = useT();
  const { can } = useAuth();
  const users = useUsers({}, { enabled: can('user.read') });
  const [form] = Form.useForm<Values>();
  const phone = usePhone();
  const width = (desktop: number) => (phone ? '100%' : desktop);
  const item = phone ? { marginBottom: 8 } : undefined;

  const apply = (v: Values) => {
    const [from, to] = v.range ?? [];
    onApply({
      objectType: v.objectType?.trim() || undefined,
      action: v.action?.trim() || undefined,
      actorId: v.actorId || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
    });
  };

  return (
    <Form<Values>
      name="audit-filter"
      form={form}
      layout={phone ? 'vertical' : 'inline'}
      onFinish={apply}
      style={{ marginBottom: 12, rowGap: 8 }}
    >
      <Form.Item name="objectType" style={item}>
        <AutoComplete
          options={OBJECT_TYPES.map((v) => ({ value: v }))}
          placeholder={t('audit.objectType')}
          aria-label={t('audit.objectType')}
          allowClear
          style={{ width: width(150) }}
        />
      </Form.Item>
      <Form.Item name="action" style={item}>
        <Input placeholder={t('audit.actionPlaceholder')} aria-label={t('audit.action')} allowClear style={{ width: width(170) }} />
      </Form.Item>
      <Form.Item name="actorId" style={item}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.actor')}
          aria-label={t('audit.actor')}
          options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          style={{ width: width(180) }}
        />
      </Form.Item>
      <Form.Item name="range" style={item}>
        <DatePicker.RangePicker style={{ width: width(280) }} allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} />
      </Form.Item>
      <Form.Item style={item}>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit">{t('common.filter')}</Button>
          <Button
            onClick={() => {
              form.resetFields();
              onApply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}
