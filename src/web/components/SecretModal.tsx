/** Shows a secret (a generated password, an API token) once, with a copy button and a warning that it will not return. */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useT } from '../i18n/index.ts';
import { copyText } from './copy.ts';

export interface Secret {
  title: string;
  description: string;
  value: string;
}

export function SecretModal({ secret, onClose }: { secret: Secret | null; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    if (!secret) return;
    if (await copyText(secret.value)) void message.success(t('common.copied'));
    else void message.error(t('common.copyFailed'));
  };
  return (
    <Modal
      open={secret !== null}
      title={secret?.title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={<Button type="primary" onClick={onClose}>{t('common.done')}</Button>}
    >
      {secret ? (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>{secret.description}</Typography.Paragraph>
          <Flex gap={8} align="center">
            <Typography.Text code style={{ fontSize: 16, wordBreak: 'break-all', flex: 1 }} data-testid="secret-value">
              {secret.value}
            </Typography.Text>
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>{t('common.copy')}</Button>
          </Flex>
          <Alert type="warning" showIcon title={t('common.shownOnce')} />
        </Flex>
      ) : null}
    </Modal>
  );
}
