/**
 * 调整督查组: the programme's supervisor adds and removes teams and their members (with each team's leader) until the
 * inspection closes. The whole list goes to `PATCH /inspections/:id` with the inspection's version, as the plan does.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useUpdateInspection, type Inspection } from '../../api/mechanism.ts';
import { useUsers } from '../../api/users.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

interface TeamValues { name: string; memberIds: string[]; leaderId?: string | null }
interface Values { teams: TeamValues[] }

/** The inspection's members grouped by team, in the order they were listed. */
export function teamsOf(inspection: Pick<Inspection, 'members'>): TeamValues[] {
  const teams = new Map<string, TeamValues>();
  for (const m of inspection.members) {
    let team = teams.get(m.team);
    if (!team) teams.set(m.team, (team = { name: m.team, memberIds: [], leaderId: null }));
    team.memberIds.push(m.userId);
    if (m.leader && !team.leaderId) team.leaderId = m.userId;
  }
  return [...teams.values()];
}

export function EditTeamsButton({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const errorText = useErrorText();
  const update = useUpdateInspection();
  const users = useUsers({ active: true }, { enabled: can('user.read') });
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  // Current members stay selectable (with their names) even where the user list is not readable.
  const people = new Map(inspection.members.map((m) => [m.userId, m.displayName]));
  for (const u of users.data?.items ?? []) people.set(u.id, u.displayName);
  const options = [...people].map(([value, label]) => ({ value, label }));
  const nameOf = (id: string) => people.get(id) ?? id;

  const save = (v: Values) => {
    setError(null);
    const members = v.teams.flatMap((team) => team.memberIds.map((userId) => ({ userId, team: team.name.trim(), leader: userId === team.leaderId })));
    update.mutate({ id: inspection.id, version: inspection.version, members }, { onSuccess: () => setOpen(false), onError: setError });
  };

  return (
    <>
      <Button size="small" onClick={() => { setError(null); setOpen(true); }}>{t('mech.inspection.teams.edit')}</Button>
      {open ? (
        <Modal open title={t('mech.inspection.teams.edit')} okText={t('common.save')} confirmLoading={update.isPending} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden width={640}>
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
          <Form<Values> name="inspectionTeams" form={form} layout="vertical" initialValues={{ teams: teamsOf(inspection) }} onFinish={save}>
            <Form.List
              name="teams"
              rules={[{ validator: async (_, teams: TeamValues[] | undefined) => { if (!teams?.length) throw new Error(t('mech.inspection.teams.empty')); } }]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, index) => (
                    <Card
                      key={field.key}
                      size="small"
                      style={{ marginBottom: 12 }}
                      title={`${t('mech.inspection.teams')} ${index + 1}`}
                      extra={fields.length > 1 ? <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>{t('mech.inspection.teams.remove')}</Button> : null}
                    >
                      <Form.Item name={[field.name, 'name']} label={t('mech.inspection.team')} rules={[{ required: true, whitespace: true, message: t('mech.inspection.team') }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'memberIds']}
                        label={t('mech.inspection.members')}
                        dependencies={fields.filter((f) => f.key !== field.key).map((f) => ['teams', f.name, 'memberIds'])}
                        rules={[
                          { required: true, message: t('mech.inspection.members') },
                          ({ getFieldValue }) => ({
                            validator: async (_, ids: string[] | undefined) => {
                              const others = ((getFieldValue('teams') as TeamValues[] | undefined) ?? []).filter((_t, i) => i !== field.name).flatMap((x) => x?.memberIds ?? []);
                              const twice = (ids ?? []).filter((id) => others.includes(id));
                              if (twice.length) throw new Error(`${t('mech.inspection.teams.memberTwice')}：${twice.map(nameOf).join('、')}`);
                            },
                          }),
                        ]}
                      >
                        <Select mode="multiple" optionFilterProp="label" options={options} loading={users.isPending && can('user.read')} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {({ getFieldValue }) => {
                          const ids = (getFieldValue(['teams', field.name, 'memberIds']) as string[] | undefined) ?? [];
                          return (
                            <Form.Item name={[field.name, 'leaderId']} label={t('mech.inspection.leader')} style={{ marginBottom: 0 }}>
                              <Select allowClear options={ids.map((id) => ({ value: id, label: nameOf(id) }))} />
                            </Form.Item>
                          );
                        }}
                      </Form.Item>
                    </Card>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', memberIds: [], leaderId: null })}>{t('mech.inspection.teams.add')}</Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
