/** Form pieces shared by the assign / reassign dialogs and the plan form: units with their parts, owner, cadence. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, TreeSelect } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useUnits } from '../../api/units.ts';
import { useUsers } from '../../api/users.ts';
import type { Cadence, CoUnit } from '../../api/tasks.ts';
import { useAuth } from '../../app/auth.tsx';
import { useCadenceLabel } from '../../components/loop/labels.ts';
import { unitOptions } from '../../components/units.ts';
import { useT } from '../../i18n/index.ts';

export const toDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);

export interface UnitValues {
  leadUnitId?: string;
  coUnits?: Array<{ unitId?: string; part?: string }>;
  ownerUserId?: string | null;
}

/** The co-units of the form, without empty rows, parts trimmed (an empty part is null). */
export function coUnitsOf(values: UnitValues): CoUnit[] {
  return (values.coUnits ?? [])
    .filter((c): c is { unitId: string; part?: string } => Boolean(c.unitId))
    .map((c) => ({ unitId: c.unitId, part: c.part?.trim() || null }));
}

/** The responsible person (责任人): an active user of the lead unit. */
export function OwnerField({ leadUnitId }: { leadUnitId: string | null | undefined }) {
  const t = useT();
  const { can } = useAuth();
  const users = useUsers({ unitId: leadUnitId ?? undefined, active: true }, { enabled: Boolean(leadUnitId) && can('user.read') });
  return (
    <Form.Item name="ownerUserId" label={t('loop.task.owner')} extra={t('loop.task.ownerHint')}>
      <Select
        disabled={!leadUnitId}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('loop.task.owner')}
        options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
      />
    </Form.Item>
  );
}

export function UnitFields({ form, leadRequired }: { form: FormInstance; leadRequired: boolean }) {
  const t = useT();
  const units = useUnits();
  const tree = unitOptions(units.data?.items ?? []);
  const leadUnitId = Form.useWatch('leadUnitId', form) as string | undefined;

  return (
    <>
      <Form.Item
        name="leadUnitId"
        label={t('loop.task.leadUnit')}
        rules={leadRequired ? [{ required: true, message: t('loop.task.leadUnitRequired') }] : []}
      >
        <TreeSelect
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeData={tree}
          treeDefaultExpandAll
          placeholder={t('loop.task.pickUnit')}
          onChange={() => form.setFieldValue('ownerUserId', null)}
        />
      </Form.Item>
      <Form.Item label={t('loop.task.coUnits')} style={{ marginBottom: 8 }}>
        <Form.List name="coUnits">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Form.Item name={[field.name, 'unitId']} noStyle rules={[{ required: true, message: t('loop.task.pickUnit') }]}>
                    <TreeSelect
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      treeData={tree}
                      treeDefaultExpandAll
                      placeholder={t('loop.task.pickUnit')}
                      aria-label={t('loop.task.coUnit')}
                      style={{ flex: '1 1 160px', minWidth: 140 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'part']} noStyle>
                    <Input placeholder={t('loop.task.part')} aria-label={t('loop.task.part')} maxLength={2000} style={{ flex: '2 1 200px' }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('loop.task.removeCoUnit')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
                {t('loop.task.addCoUnit')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <OwnerField leadUnitId={leadUnitId} />
    </>
  );
}

export type CadenceKind = 'none' | Cadence['kind'];

export interface CadenceValues {
  cadenceKind?: CadenceKind;
  cadenceDates?: Dayjs[];
  graceDays?: number | null;
}

export function cadenceValues(c: Cadence | null): CadenceValues {
  if (!c) return { cadenceKind: 'none', cadenceDates: [], graceDays: null };
  return {
    cadenceKind: c.kind,
    cadenceDates: c.kind === 'custom' ? c.dates.map((d) => dayjs(d)) : [],
    graceDays: c.graceDays ?? null,
  };
}

export function cadenceOf(v: CadenceValues): Cadence | null {
  const grace = v.graceDays === null || v.graceDays === undefined ? {} : { graceDays: v.graceDays };
  switch (v.cadenceKind) {
    case 'weekly':
    case 'monthly':
    case 'quarterly':
      return { kind: v.cadenceKind, ...grace };
    case 'custom':
      return { kind: 'custom', dates: (v.cadenceDates ?? []).map((d) => d.format('YYYY-MM-DD')).sort(), ...grace };
    default:
      return null;
  }
}

/** Same cadence? (Compared as JSON of a canonical shape; the server stores what it is sent.) */
export const sameCadence = (a: Cadence | null, b: Cadence | null) => JSON.stringify(a) === JSON.stringify(b);

export function CadenceFields({ form, showGrace = true }: { form: FormInstance; showGrace?: boolean }) {
  const t = useT();
  const cadenceLabel = useCadenceLabel();
  const kind = Form.useWatch('cadenceKind', form) as CadenceKind | undefined;
  return (
    <>
      <Form.Item name="cadenceKind" label={t('loop.task.cadence')} extra={t('loop.task.cadenceHint')}>
        <Select options={(['none', 'weekly', 'monthly', 'quarterly', 'custom'] as const).map((k) => ({ value: k, label: cadenceLabel(k) }))} />
      </Form.Item>
      {kind === 'custom' ? (
        <Form.Item name="cadenceDates" label={t('loop.task.cadenceDates')} rules={[{ required: true, message: t('loop.task.cadenceDatesRequired') }]}>
          <DatePicker multiple style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {showGrace && kind && kind !== 'none' ? (
        <Form.Item name="graceDays" label={t('loop.task.graceDays')} extra={t('loop.task.graceDaysHint')}>
          <InputNumber min={0} max={60} precision={0} style={{ width: 160 }} />
        </Form.Item>
      ) : null}
    </>
  );
}
