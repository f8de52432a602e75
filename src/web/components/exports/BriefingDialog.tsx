/** The 通报 dialog: a period (and optionally the issuing office), then the Word document is written and downloaded. */
import { FileWordOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { briefingUrl } from '../../api/exports.ts';
import { useI18n } from '../../i18n/index.ts';
import { useDownload } from './useDownload.ts';

interface Values {
  period: [Dayjs, Dayjs];
  office?: string;
}

export function BriefingButton({ programmeId }: { programmeId: string }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const { busy, download } = useDownload();
  const [form] = Form.useForm<Values>();
  return (
    <>
      <Button icon={<FileWordOutlined />} onClick={() => setOpen(true)}>{t('exports.briefing')}</Button>
      <Modal
        open={open}
        title={t('exports.briefing.title')}
        okText={t('exports.briefing.download')}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('exports.briefing.hint')}</Typography.Paragraph>
        <Form<Values> name="briefing"
          form={form}
          layout="vertical"
          initialValues={{ period: [dayjs().startOf('month'), dayjs()] }}
          onFinish={async (v) => {
            const url = briefingUrl(programmeId, v.period[0].format('YYYY-MM-DD'), v.period[1].format('YYYY-MM-DD'), locale);
            const office = v.office?.trim();
            if (await download(office ? `${url}&office=${encodeURIComponent(office)}` : url, 'briefing.docx')) setOpen(false);
          }}
        >
          <Form.Item name="period" label={t('exports.briefing.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="office" label={t('exports.briefing.office')} extra={t('exports.briefing.officeHint')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
