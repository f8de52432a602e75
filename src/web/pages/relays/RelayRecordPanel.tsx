/**
 * One unit's relay record: the form (new or amended, resubmitted after a return), the minutes and photos, and for
 * the programme's supervisors the return with a reason. What is offered comes from the record's `abilities`.
 */
import { Alert, App, Button, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Select, Skeleton, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  MEETING_TYPES, relayEvidenceUrl, useCreateRelayRecord, useRelayRecord, useReturnRelayRecord, useUpdateRelayRecord, useUploadRelayEvidence,
  type RelayRecord,
} from '../../api/mechanism.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

interface Values {
  meetingType: (typeof MEETING_TYPES)[number];
  meetingTypeOther?: string;
  meetingDate: string;
  chair: string;
  attendeeCount: number;
  minutes?: string;
  followUp?: string;
}

/** The record form: a new record for the caller's unit (`campaignId`), or an amendment of `record`. */
export function RelayRecordForm({ campaignId, record, onDone }: { campaignId: string; record?: RelayRecord; onDone(r: RelayRecord): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const create = useCreateRelayRecord();
  const update = useUpdateRelayRecord();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const type = Form.useWatch('meetingType', form);
  const resubmit = record?.state === 'returned';
  const submit = (v: Values) => {
    setError(null);
    const fields = {
      meetingType: v.meetingType,
      meetingTypeOther: v.meetingType === 'other' ? (v.meetingTypeOther ?? null) : null,
      meetingDate: v.meetingDate,
      chair: v.chair,
      attendeeCount: v.attendeeCount,
      minutes: v.minutes?.trim() || null,
      followUp: v.followUp?.trim() || null,
    };
    if (record) update.mutate({ id: record.id, version: record.version, ...fields, ...(resubmit ? { resubmit: true } : {}) }, { onSuccess: onDone, onError: setError });
    else create.mutate({ campaignId, ...fields }, { onSuccess: onDone, onError: setError });
  };
  return (
    <Form<Values> name="relayRecord"
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={record ? { ...record, meetingTypeOther: record.meetingTypeOther ?? undefined, minutes: record.minutes ?? undefined, followUp: record.followUp ?? undefined } : { meetingType: 'theory_group' }}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="meetingType" label={t('mech.record.meetingType')} rules={[{ required: true }]}>
        <Select options={MEETING_TYPES.map((m) => ({ value: m, label: t(`mech.meeting.${m}`) }))} />
      </Form.Item>
      {type === 'other' ? (
        <Form.Item name="meetingTypeOther" label={t('mech.record.meetingTypeOther')} rules={[{ required: true, whitespace: true, message: t('mech.record.meetingTypeOther') }]}>
          <Input maxLength={100} />
        </Form.Item>
      ) : null}
      <Flex gap={12} wrap>
        <Form.Item name="meetingDate" label={t('mech.record.meetingDate')} rules={[{ required: true, message: t('mech.record.meetingDate') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="chair" label={t('mech.record.chair')} rules={[{ required: true, whitespace: true, message: t('mech.record.chair') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="attendeeCount" label={t('mech.record.attendees')} rules={[{ required: true, message: t('mech.record.attendees') }]}>
          <InputNumber min={1} max={100000} precision={0} />
        </Form.Item>
      </Flex>
      <Form.Item name="minutes" label={t('mech.record.minutes')}>
        <Input.TextArea rows={4} maxLength={20000} />
      </Form.Item>
      <Form.Item name="followUp" label={t('mech.record.followUp')}>
        <Input.TextArea rows={3} maxLength={10000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>{resubmit ? t('mech.record.resubmit') : t('mech.record.save')}</Button>
    </Form>
  );
}

function ReturnButton({ record }: { record: RelayRecord }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const ret = useReturnRelayRecord();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>{t('mech.record.return')}</Button>
      {open ? (
        <Modal
          open
          title={t('mech.record.return')}
          okButtonProps={{ disabled: !reason.trim(), danger: true }}
          confirmLoading={ret.isPending}
          onCancel={() => setOpen(false)}
          onOk={() => ret.mutate({ id: record.id, version: record.version, reason: reason.trim() }, { onSuccess: () => setOpen(false), onError: setError })}
        >
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
          <Input.TextArea aria-label={t('mech.record.returnReason')} placeholder={t('mech.record.returnReason')} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Modal>
      ) : null}
    </>
  );
}

function EvidenceUpload({ record }: { record: RelayRecord }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadRelayEvidence();
  const button = (kind: 'minutes' | 'photo') => (
    <Upload
      multiple
      showUploadList={false}
      accept={kind === 'photo' ? 'image/*' : undefined}
      beforeUpload={(file, all) => {
        // antd calls this once per file; upload the batch once, on its first file.
        if (file === all[0]) upload.mutate({ recordId: record.id, kind, files: all }, { onError: (e) => void message.error(errorText(e)) });
        return false;
      }}
    >
      <Button loading={upload.isPending}>{kind === 'photo' ? t('mech.record.addPhoto') : t('mech.record.addMinutes')}</Button>
    </Upload>
  );
  return <Flex gap={8}>{button('minutes')}{button('photo')}</Flex>;
}

/** A record as its unit, the programme's supervisors, leaders and administrators read it. */
export function RelayRecordView({ id, campaignId }: { id: string; campaignId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const record = useRelayRecord(id);
  const [editing, setEditing] = useState(false);
  if (record.isError) return <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />;
  if (record.isPending) return <Skeleton active />;
  const r = record.data;
  if (editing) return <RelayRecordForm campaignId={campaignId} record={r} onDone={() => setEditing(false)} />;
  return (
    <Flex vertical gap={12}>
      {r.state === 'returned' && r.returnReason ? <Alert type="warning" showIcon title={t('mech.record.returned', { reason: r.returnReason })} /> : null}
      <Descriptions size="small" column={1} bordered items={[
        { key: 'type', label: t('mech.record.meetingType'), children: r.meetingType === 'other' ? `${t('mech.meeting.other')} · ${r.meetingTypeOther ?? ''}` : t(`mech.meeting.${r.meetingType}`) },
        { key: 'date', label: t('mech.record.meetingDate'), children: formatDate(r.meetingDate) },
        { key: 'chair', label: t('mech.record.chair'), children: r.chair },
        { key: 'n', label: t('mech.record.attendees'), children: r.attendeeCount },
        { key: 'minutes', label: t('mech.record.minutes'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.minutes ?? '—'}</Typography.Paragraph> },
        { key: 'follow', label: t('mech.record.followUp'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.followUp ?? '—'}</Typography.Paragraph> },
        { key: 'at', label: t('mech.relay.submittedAt'), children: <Flex gap={6} wrap>{formatDateTime(r.submittedAt)}<Tag>{t('mech.record.revision', { revision: r.revision })}</Tag>{r.onTime ? <Tag color="green">{t('mech.relay.onTime')}</Tag> : <Tag color="orange">{t('mech.relay.late')}</Tag>}</Flex> },
      ]} />
      <div>
        <Typography.Text strong>{t('mech.record.evidence')}</Typography.Text>
        <List size="small" dataSource={r.evidence} locale={{ emptyText: t('mech.inspection.none') }} renderItem={(e) => (
          <List.Item><a href={relayEvidenceUrl(e.id)}>{e.filename}</a><Tag>{e.kind === 'photo' ? t('mech.inspection.evidence.photo') : t('mech.record.minutes')}</Tag></List.Item>
        )} />
      </div>
      <Flex gap={8} wrap>
        {r.abilities.addEvidence ? <EvidenceUpload record={r} /> : null}
        {r.abilities.edit ? <Button onClick={() => setEditing(true)}>{r.abilities.resubmit ? t('mech.record.resubmit') : t('common.edit')}</Button> : null}
        {r.abilities.return ? <ReturnButton record={r} /> : null}
      </Flex>
    </Flex>
  );
}
