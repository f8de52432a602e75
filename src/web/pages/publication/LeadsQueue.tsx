/**
 * 群众线索: the queue of public leads on the programme, with the moderator's actions — 受理, 合并 into another lead,
 * 不予采纳 with a reason category, and 转为整改任务 (title, deadline, lead unit) once accepted.
 */
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Input, List, Modal, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { FindingSeverity } from '../../../core/inspections/index.ts';
import { useLeadAction, useLeads, useRunningInspections, type Lead, type LeadAction } from '../../api/publication.ts';
import { useUnits } from '../../api/units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n, type PlainMessageKey } from '../../i18n/index.ts';

const STATES = ['pending', 'accepted', 'rejected', 'merged'] as const;
const REASONS = ['duplicate', 'irrelevant', 'unverifiable', 'uncivil', 'other'] as const;

type Dialog = { kind: 'reject' | 'merge' | 'rectify'; lead: Lead } | null;

function ActionDialog({ dialog, leads, onClose }: { dialog: NonNullable<Dialog>; leads: Lead[]; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const units = useUnits();
  const inspections = useRunningInspections(dialog.lead.programmeId);
  const act = useLeadAction();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<unknown>(null);
  const { lead, kind } = dialog;
  const title = t(kind === 'reject' ? 'public.leads.reject' : kind === 'merge' ? 'public.leads.merge' : 'public.leads.rectify');
  const submit = (v: Record<string, unknown>) => {
    setError(null);
    let input: LeadAction;
    if (kind === 'reject') input = { action: 'reject', version: lead.version, reason: String(v.reason) as (typeof REASONS)[number], note: (v.note as string | undefined)?.trim() || null };
    else if (kind === 'merge') input = { action: 'merge', version: lead.version, intoId: String(v.intoId) };
    else {
      const due = (v.dueDate as { format(f: string): string }).format('YYYY-MM-DD');
      const title = String(v.title).trim();
      input = v.inspectionId
        ? { action: 'finding', version: lead.version, inspectionId: String(v.inspectionId), title, severity: String(v.severity ?? 'general') as FindingSeverity, dueDate: due, ...(v.leadUnitId ? { unitId: String(v.leadUnitId) } : {}) }
        : { action: 'rectification', version: lead.version, title, dueDate: due, ...(v.leadUnitId ? { leadUnitId: String(v.leadUnitId) } : {}) };
    }
    act.mutate({ id: lead.id, input }, {
      onSuccess: () => {
        void message.success(t('public.leads.done'));
        onClose();
      },
      onError: setError,
    });
  };
  return (
    <Modal open title={title} okText={title} onOk={() => form.submit()} onCancel={onClose} confirmLoading={act.isPending} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form name="leadAction" form={form} layout="vertical" onFinish={submit} initialValues={kind === 'rectify' ? { title: t('public.leads.rectify.titleDefault', { title: lead.taskTitle }), severity: 'general' } : { reason: 'duplicate' }}>
        {kind === 'reject' ? (
          <>
            <Form.Item name="reason" label={t('public.leads.reason')} rules={[{ required: true }]}>
              <Select options={REASONS.map((r) => ({ value: r, label: t(`public.leads.reason.${r}` as PlainMessageKey) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('public.leads.note')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ) : kind === 'merge' ? (
          <Form.Item name="intoId" label={t('public.leads.mergeInto')} rules={[{ required: true }]}>
            <Select
              options={leads
                .filter((l) => l.id !== lead.id && l.programmeId === lead.programmeId && (l.state === 'pending' || l.state === 'accepted'))
                .map((l) => ({ value: l.id, label: `${l.what.slice(0, 40)} · ${l.place.slice(0, 20)}` }))}
            />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('public.leads.rectify.hint')}</Typography.Paragraph>
            <Form.Item name="title" label={t('public.leads.rectify.title')} rules={[{ required: true, whitespace: true, max: 300 }]}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="dueDate" label={t('public.leads.rectify.due')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="leadUnitId" label={t('public.leads.rectify.unit')}>
              <Select allowClear showSearch optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            {(inspections.data ?? []).length ? (
              <>
                <Form.Item name="inspectionId" label={t('public.leads.rectify.inspection')} extra={t('public.leads.rectify.inspectionHint')}>
                  <Select allowClear options={(inspections.data ?? []).map((i) => ({ value: i.id, label: i.topic }))} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a, b) => a.inspectionId !== b.inspectionId}>
                  {({ getFieldValue }) =>
                    getFieldValue('inspectionId') ? (
                      <Form.Item name="severity" label={t('public.leads.rectify.severity')}>
                        <Select options={(['general', 'serious', 'grave'] as const).map((v) => ({ value: v, label: t(`public.leads.severity.${v}`) }))} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </>
            ) : null}
          </>
        )}
      </Form>
    </Modal>
  );
}

export function LeadsQueue({ programmeId }: { programmeId: string }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [state, setState] = useState<(typeof STATES)[number]>('pending');
  const leads = useLeads({ programmeId, state });
  const all = useLeads({ programmeId });
  const act = useLeadAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = leads.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={state}
        onChange={(v) => setState(v as (typeof STATES)[number])}
        options={STATES.map((s) => ({ value: s, label: t(`public.leads.state.${s}` as PlainMessageKey) }))}
      />
      {leads.isError ? (
        <ErrorAlert error={leads.error} onRetry={() => void leads.refetch()} />
      ) : leads.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('public.leads.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(lead) => (
            <List.Item
              actions={[
                lead.abilities.accept ? (
                  <Button key="accept" type="primary" loading={act.isPending} onClick={() => act.mutate({ id: lead.id, input: { action: 'accept', version: lead.version } }, { onError: (e) => void message.error(errorText(e)) })}>
                    {t('public.leads.accept')}
                  </Button>
                ) : null,
                lead.abilities.merge ? <Button key="merge" onClick={() => setDialog({ kind: 'merge', lead })}>{t('public.leads.merge')}</Button> : null,
                lead.abilities.reject ? <Button key="reject" danger onClick={() => setDialog({ kind: 'reject', lead })}>{t('public.leads.reject')}</Button> : null,
                lead.abilities.rectify ? <Button key="rectify" type="primary" onClick={() => setDialog({ kind: 'rectify', lead })}>{t('public.leads.rectify')}</Button> : null,
                lead.rectificationTaskId ? <Link key="task" to={`/tasks/${lead.rectificationTaskId}`}>{t('public.leads.openTask')}</Link> : null,
              ].filter(Boolean)}
            >
              <Flex vertical gap={4}>
                <Space wrap>
                  <Tag>{t(`public.leads.state.${lead.state}` as PlainMessageKey)}</Tag>
                  {lead.rejectReason ? <Tag color="default">{t(`public.leads.reason.${lead.rejectReason}` as PlainMessageKey)}</Tag> : null}
                  {lead.rectificationTaskId ? <Tag color="green">{t('public.leads.rectified')}</Tag> : null}
                  {lead.mergedIntoId ? <Tag>{t('public.leads.mergedInto')}</Tag> : null}
                  <Typography.Text type="secondary">{t('public.leads.received', { date: formatDateTime(lead.createdAt) })}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{lead.what}</Typography.Paragraph>
                <Typography.Text>{t('public.leads.place', { place: lead.place })}</Typography.Text>
                <Typography.Text type="secondary">{t('public.leads.task', { title: lead.taskTitle })}</Typography.Text>
                <Typography.Text type="secondary">{lead.contact ? t('public.leads.contact', { contact: lead.contact }) : t('public.leads.noContact')}</Typography.Text>
                {lead.rejectNote ? <Typography.Text type="secondary">{lead.rejectNote}</Typography.Text> : null}
                {lead.photoUrl ? <a href={lead.photoUrl} target="_blank" rel="noreferrer">{t('public.leads.photo')}</a> : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {dialog ? <ActionDialog dialog={dialog} leads={all.data?.items ?? []} onClose={() => setDialog(null)} /> : null}
    </Flex>
  );
}
