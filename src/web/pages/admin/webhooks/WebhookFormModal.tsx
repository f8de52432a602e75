/**
 * Creating or editing a webhook. The secret is write-only: the server says only whether one is set, so on edit an
 * empty field keeps it and a tick removes it. The URL is treated the same way on edit (robot URLs carry their access
 * token): empty keeps the saved one, whose origin is shown.
 */
import { App, Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { isApiError } from '../../../api/client.ts';
import { useProgrammes } from '../../../api/programmes.ts';
import {
  WEBHOOK_FORMATS, useCreateWebhook, useUpdateWebhook, type Webhook, type WebhookFormat, type WebhookPatch,
} from '../../../api/webhooks.ts';
import { useErrorText } from '../../../i18n/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { urlOrigin, useFormatLabel } from './labels.ts';

interface Values {
  name: string;
  url?: string;
  format: WebhookFormat;
  secret?: string;
  clearSecret?: boolean;
  /** '' stands for every programme (null in the API). */
  programmeId: string;
  active: boolean;
}

/** What the server accepts: http(s), parseable, no user:password. Empty passes (required is a separate rule). */
export function webhookUrlProblem(value: string | undefined): boolean {
  const v = value?.trim();
  if (!v) return false;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    return true;
  }
  return (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || Boolean(parsed.username || parsed.password);
}

export function WebhookFormModal({ webhook, onClose, onCreated }: {
  /** null: create a new webhook. */
  webhook: Webhook | null;
  onClose(): void;
  onCreated(hook: Webhook): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const programmes = useProgrammes();
  const formatLabel = useFormatLabel();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const clearSecret = Form.useWatch('clearSecret', form) ?? false;

  const onError = (err: unknown) => {
    void message.error(errorText(err));
    // The list reloads on a version conflict or a vanished webhook; editing must restart from the fresh row.
    if (isApiError(err) && (err.code === 'version_conflict' || err.code === 'webhook_not_found')) onClose();
  };

  const submit = (v: Values) => {
    const name = v.name.trim();
    const url = v.url?.trim() ?? '';
    const secret = v.secret?.trim() ?? '';
    const programmeId = v.programmeId || null;
    if (!webhook) {
      create.mutate(
        { name, url, format: v.format, programmeId, active: v.active, ...(secret ? { secret } : {}) },
        { onSuccess: onCreated, onError },
      );
      return;
    }
    const patch: WebhookPatch = { version: webhook.version };
    if (name !== webhook.name) patch.name = name;
    if (url && url !== webhook.url) patch.url = url;
    if (v.format !== webhook.format) patch.format = v.format;
    if (v.clearSecret) patch.secret = null;
    else if (secret) patch.secret = secret;
    if (programmeId !== webhook.programmeId) patch.programmeId = programmeId;
    if (v.active !== webhook.active) patch.active = v.active;
    if (Object.keys(patch).length === 1) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    update.mutate({ id: webhook.id, ...patch }, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError,
    });
  };

  const initialValues: Values = webhook
    ? {
      name: webhook.name,
      url: '',
      format: (WEBHOOK_FORMATS as readonly string[]).includes(webhook.format) ? (webhook.format as WebhookFormat) : 'generic',
      secret: '',
      clearSecret: false,
      programmeId: webhook.programmeId ?? '',
      active: webhook.active,
    }
    : { name: '', url: '', format: 'generic', secret: '', programmeId: '', active: true };

  const programmeOptions = [
    { value: '', label: t('admin.webhooks.allProgrammes') },
    ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.title })),
  ];
  // A scope whose programme is not in the list (archived, or the list failed) still shows as something.
  if (webhook?.programmeId && !programmeOptions.some((o) => o.value === webhook.programmeId)) {
    programmeOptions.push({ value: webhook.programmeId, label: webhook.programmeId });
  }

  return (
    <Modal
      open
      title={webhook ? t('admin.webhooks.edit', { name: webhook.name }) : t('admin.webhooks.create')}
      okText={webhook ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values> name="webhook" form={form} layout="vertical" onFinish={submit} initialValues={initialValues} preserve={false}>
        <Form.Item name="name" label={t('admin.webhooks.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('admin.webhooks.nameRequired') }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('admin.webhooks.url')}
          extra={webhook ? t('admin.webhooks.urlKeep', { origin: urlOrigin(webhook.url) }) : t('admin.webhooks.urlHint')}
          rules={[
            { required: !webhook, whitespace: true, message: t('admin.webhooks.urlRequired') },
            { validator: (_, value: string | undefined) => (webhookUrlProblem(value) ? Promise.reject(new Error(t('admin.webhooks.urlInvalid'))) : Promise.resolve()) },
          ]}
        >
          <Input type="url" inputMode="url" maxLength={2000} autoComplete="off" spellCheck={false} placeholder="https://" />
        </Form.Item>
        <Form.Item name="format" label={t('admin.webhooks.format')} rules={[{ required: true }]}>
          <Select options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: formatLabel(f) }))} />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('admin.webhooks.secret')}
          extra={t('admin.webhooks.secretHint')}
          style={webhook?.hasSecret ? { marginBottom: 8 } : undefined}
        >
          <Input.Password
            maxLength={500}
            autoComplete="new-password"
            disabled={clearSecret}
            placeholder={webhook?.hasSecret ? t('admin.webhooks.secretKeep') : undefined}
          />
        </Form.Item>
        {webhook?.hasSecret ? (
          <Form.Item name="clearSecret" valuePropName="checked">
            <Checkbox>{t('admin.webhooks.clearSecret')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item name="programmeId" label={t('admin.webhooks.programme')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={programmeOptions} loading={programmes.isPending} />
        </Form.Item>
        <Form.Item name="active" label={t('admin.webhooks.status')} valuePropName="checked">
          <Switch checkedChildren={t('admin.webhooks.active')} unCheckedChildren={t('admin.webhooks.inactive')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
