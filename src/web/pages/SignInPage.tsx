/** Sign-in: username and password; the language can be chosen first; afterwards the user lands where they wanted. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Layout, theme, Typography } from 'antd';
import { Navigate, useSearchParams } from 'react-router-dom';
import { useSignIn } from '../api/session.ts';
import { useAuth } from '../app/auth.tsx';
import { FullPageSpin } from '../app/RequireAuth.tsx';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useI18n } from '../i18n/index.ts';
import { useErrorText } from '../i18n/errors.ts';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/signin')) return '/';
  return next;
}

interface SignInForm {
  username: string;
  password: string;
}

export default function SignInPage() {
  const { t, setLocale } = useI18n();
  const { status } = useAuth();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const errorText = useErrorText();
  const { token } = theme.useToken();
  const next = safeNext(params.get('next'));
  useDocumentTitle(t('signIn.title'));

  if (status === 'loading') return <FullPageSpin />;
  // A successful sign-in fills the `me` query, so this also takes the user on after submitting.
  if (status === 'signedIn') return <Navigate to={next} replace />;

  const submit = (values: SignInForm) => signIn.mutate(values);

  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: 12 }}>
        <LocaleSwitch onChange={setLocale} />
      </Flex>
      <Flex justify="center" align="flex-start" style={{ flex: 1, padding: '4vh 16px' }}>
        <Card style={{ width: '100%', maxWidth: 380 }}>
          <Flex vertical gap={4} style={{ marginBottom: 24, textAlign: 'center' }}>
            <Typography.Title level={2} style={{ margin: 0, color: token.colorPrimary }}>{t('app.name')}</Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </Flex>
          <Form<SignInForm> name="signin" layout="vertical" onFinish={submit} requiredMark={false} disabled={signIn.isPending}>
            <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {signIn.isError ? (
              <Form.Item>
                <Alert type="error" showIcon title={errorText(signIn.error)} role="alert" />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </Layout>
  );
}
