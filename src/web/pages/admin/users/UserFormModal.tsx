/** Creating a user (the server generates the first password) or editing one (with the row's version). */
import { App, Checkbox, Form, Input, Modal, Switch, TreeSelect } from 'antd';
import { isApiError } from '../../../api/client.ts';
import { ROLES, type Role } from '../../../../core/permissions.ts';
import type { Unit, User } from '../../../api/types.ts';
import { useCreateUser, useUpdateUser, type UserPatch } from '../../../api/users.ts';
import { useRoleLabel } from '../../../components/labels.ts';
import { unitOptions } from '../../../components/units.ts';
import { useT } from '../../../i18n/index.ts';
import { useErrorText } from '../../../i18n/errors.ts';

interface Values {
  username: string;
  displayName?: string;
  email?: string;
  unitId: string;
  roles: Role[];
  active: boolean;
}

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((r, i) => r === [...b].sort()[i]);

export function UserFormModal({ user, open, units, onClose, onCreated, onSaved }: {
  /** null: create a new user. */
  user: User | null;
  open: boolean;
  units: readonly Unit[];
  onClose(): void;
  onCreated(user: User, generatedPassword: string | null): void;
  onSaved(user: User): void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const roleLabel = useRoleLabel();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const onError = (err: unknown) => void message.error(errorText(err));

  const submit = (values: Values) => {
    const email = values.email?.trim() || null;
    if (!user) {
      create.mutate(
        { username: values.username.trim(), displayName: values.displayName?.trim() || undefined, email, unitId: values.unitId, roles: values.roles },
        { onSuccess: (res) => onCreated(res.user, res.generatedPassword), onError },
      );
      return;
    }
    const patch: UserPatch = { version: user.version };
    const displayName = values.displayName?.trim();
    if (displayName && displayName !== user.displayName) patch.displayName = displayName;
    if (email !== user.email) patch.email = email;
    if (values.unitId !== user.unitId) patch.unitId = values.unitId;
    if (!sameRoles(values.roles, user.roles)) patch.roles = values.roles;
    if (values.active !== user.active) patch.active = values.active;
    if (Object.keys(patch).length === 1) {
      onClose();
      return;
    }
    update.mutate({ id: user.id, ...patch }, {
      onSuccess: (saved) => {
        void message.success(t('common.saved'));
        onSaved(saved);
      },
      onError: (err) => {
        onError(err);
        // The list reloads on a version conflict; editing must restart from the fresh row.
        if (isApiError(err) && err.code === 'version_conflict') onClose();
      },
    });
  };

  const initialValues: Partial<Values> = user
    ? { username: user.username, displayName: user.displayName, email: user.email ?? '', unitId: user.unitId, roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)), active: user.active }
    : { roles: ['liaison'], active: true };

  return (
    <Modal
      open={open}
      title={user ? t('users.edit', { name: user.displayName }) : t('users.create')}
      okText={user ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values> name="user" form={form} layout="vertical" onFinish={submit} initialValues={initialValues} preserve={false}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameHint')}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/, message: t('users.usernameHint') }]}
        >
          <Input disabled={user !== null} autoComplete="off" autoCapitalize="none" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: user !== null, whitespace: true, max: 100, message: t('users.displayNameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input type="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('users.unitRequired') }]}>
          <TreeSelect treeData={unitOptions(units)} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        {user ? (
          <Form.Item name="active" label={t('users.status')} valuePropName="checked">
            <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.inactive')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
