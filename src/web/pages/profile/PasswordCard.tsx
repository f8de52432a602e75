/** Changing one's own password; the server ends the user's other sessions. */
import { App, Button, Card, Form, Input } from 'antd';
import { useChangePassword } from '../../api/session.ts';
import { useT } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const MIN_LENGTH = 8;

export function PasswordCard() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const submit = (v: Values) =>
    change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('profile.passwordChanged'));
      },
      onError: (err) => void message.error(errorText(err)),
    });

  return (
    <Card title={t('profile.password')}>
      <Form<Values> name="password" form={form} layout="vertical" onFinish={submit} disabled={change.isPending}>
        <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          extra={t('profile.passwordRule', { min: MIN_LENGTH })}
          rules={[{ required: true, min: MIN_LENGTH, max: 256, message: t('profile.passwordRule', { min: MIN_LENGTH }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('profile.passwordMismatch') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>{t('profile.changePassword')}</Button>
      </Form>
    </Card>
  );
}
