/** Display name, e-mail and language of the signed-in user. */
import { App, Button, Card, Form, Input, Select } from 'antd';
import { useUpdateProfile, type ProfilePatch } from '../../api/session.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { LOCALES, LOCALE_AUTONYMS, isLocale, useI18n, type Locale } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';

interface Values {
  displayName: string;
  email?: string;
  locale?: Locale;
}

export function ProfileCard() {
  const { t, locale, setLocale } = useI18n();
  const { user } = useCurrentUser();
  const update = useUpdateProfile();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const save = (v: Values) => {
    const patch: ProfilePatch = {};
    if (v.displayName.trim() !== user.displayName) patch.displayName = v.displayName.trim();
    const email = v.email?.trim() || null;
    if (email !== user.email) patch.email = email;
    if (v.locale && v.locale !== user.locale) patch.locale = v.locale;
    if (Object.keys(patch).length === 0) {
      void message.info(t('common.noChanges'));
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        if (patch.locale) setLocale(patch.locale);
        void message.success(t('common.saved'));
      },
      onError: (err) => void message.error(errorText(err)),
    });
  };

  return (
    <Card title={t('profile.details')}>
      <Form<Values>
        name="profile"
        layout="vertical"
        onFinish={save}
        initialValues={{ displayName: user.displayName, email: user.email ?? '', locale: isLocale(user.locale) ? user.locale : locale }}
        disabled={update.isPending}
      >
        <Form.Item label={t('users.username')} htmlFor="profile_username_readonly">
          <Input id="profile_username_readonly" value={user.username} disabled />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 100, message: t('users.displayNameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input type="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="locale" label={t('profile.locale')}>
          <Select options={LOCALES.map((l) => ({ value: l, label: LOCALE_AUTONYMS[l] }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
