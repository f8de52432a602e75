/**
 * 填报反馈: a progress report for one period — progress, what was done, problems, coordination requests, next steps,
 * milestone updates and evidence files (drag and drop). Save as a draft or submit for review. Files chosen before
 * the draft exists are uploaded right after it is created (evidence belongs to a report).
 */
import { DeleteOutlined, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, List, Popconfirm, Select, Slider, Switch, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import {
  useCreateReport, useDeleteEvidence, useEditReport, useFetchReport, useSubmitReport, useUploadEvidence,
  type MilestoneUpdate, type PeriodStanding, type Report, type ReportFields,
} from '../../api/reports.ts';
import type { Milestone } from '../../api/tasks.ts';
import { isApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useFormatBytes } from '../../components/loop/ReportCard.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

interface Values {
  periodKey?: string;
  progress: number;
  text: string;
  problems?: string;
  coordination?: string;
  nextSteps?: string;
  milestones: Record<string, { done?: boolean; note?: string }>;
  final?: boolean;
  summary?: string;
}

const nullIfBlank = (v: string | undefined | null) => v?.trim() || null;

export interface ReportFormProps {
  taskId: string;
  /** The report to edit (a draft or a returned one); none to start a new one. */
  report: Report | null;
  /** Periods the reader's unit still owes (for a new report). */
  periods: PeriodStanding[];
  initialPeriod?: string;
  milestones: Milestone[];
  /** The task's current progress, the starting value of a new report. */
  progress: number;
  /** The reader writes for the lead unit, which alone writes the final report (总结报告). */
  canWriteFinal: boolean;
  onClose(): void;
}

export function ReportForm({ taskId, report, periods, initialPeriod, milestones, progress, canWriteFinal, onClose }: ReportFormProps) {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formatBytes = useFormatBytes();
  const phone = usePhone();
  // The server refuses a larger file anyway; checked here so the reader learns it before anything is sent.
  const limits = useAuth().me?.limits;
  const uploadLimit = limits?.uploadBytes ?? null;
  const filesPerRequest = limits?.filesPerRequest ?? 10;
  const [form] = Form.useForm<Values>();
  const create = useCreateReport();
  const edit = useEditReport();
  const upload = useUploadEvidence();
  const submit = useSubmitReport();
  const removeEvidence = useDeleteEvidence();
  const fetchReport = useFetchReport();
  const [current, setCurrent] = useState<Report | null>(report);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  const openMilestones = milestones.filter((m) => !m.done || current?.milestoneUpdates.some((u) => u.milestoneId === m.id));
  const initial: Values = {
    periodKey: report?.periodKey ?? initialPeriod ?? periods[0]?.key,
    progress: report?.progress ?? progress,
    text: report?.text ?? '',
    problems: report?.problems ?? undefined,
    coordination: report?.coordination ?? undefined,
    nextSteps: report?.nextSteps ?? undefined,
    milestones: Object.fromEntries((report?.milestoneUpdates ?? []).map((u) => [u.milestoneId, { done: u.done, note: u.note ?? undefined }])),
    final: report?.final ?? false,
    summary: report?.summary ?? undefined,
  };
  const final = Form.useWatch('final', form) ?? initial.final;

  const fieldsOf = (v: Values): ReportFields => {
    const updates: MilestoneUpdate[] = openMilestones
      .map((m) => ({ milestoneId: m.id, done: Boolean(v.milestones?.[m.id]?.done), note: nullIfBlank(v.milestones?.[m.id]?.note) }))
      .filter((u) => u.done || u.note);
    return {
      progress: v.progress,
      text: v.text.trim(),
      problems: nullIfBlank(v.problems),
      coordination: nullIfBlank(v.coordination),
      nextSteps: nullIfBlank(v.nextSteps),
      milestoneUpdates: updates,
      ...(canWriteFinal ? { final: Boolean(v.final), summary: v.final ? nullIfBlank(v.summary) : null } : {}),
    };
  };

  const save = async (andSubmit: boolean) => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(andSubmit ? 'submit' : 'save');
    try {
      let saved = current
        ? await edit.mutateAsync({ id: current.id, version: current.version, ...fieldsOf(v) })
        : await create.mutateAsync({ taskId, periodKey: v.periodKey ?? '', ...fieldsOf(v) });
      setCurrent(saved);
      const chosen = files.map((f) => f.originFileObj).filter((f): f is NonNullable<UploadFile['originFileObj']> => Boolean(f));
      // The server takes a bounded number of files per request, so larger selections go in batches.
      for (let i = 0; i < chosen.length; i += filesPerRequest) {
        saved = (await upload.mutateAsync({ reportId: saved.id, files: chosen.slice(i, i + filesPerRequest) })).report;
        setCurrent(saved);
      }
      if (chosen.length) setFiles([]);
      if (andSubmit) {
        await submit.mutateAsync({ id: saved.id, version: saved.version });
        void message.success(t('loop.report.submitted'));
        onClose();
      } else {
        void message.success(t('loop.report.draftSaved'));
      }
    } catch (err) {
      setError(err);
      // Someone changed the report meanwhile: take its new version; the reader's text stays in the form.
      if (isApiError(err) && err.code === 'version_conflict' && current) setCurrent(await fetchReport(current.id).catch(() => current));
    } finally {
      setBusy(null);
    }
  };

  const periodOptions = periods.map((p) => ({
    value: p.key,
    label: t('loop.report.periodOption', { period: p.key, due: formatDate(p.dueDate) }),
  }));

  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 680}
      title={current ? t('loop.report.editTitle', { period: current.periodKey }) : t('loop.report.newTitle')}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => void save(false)} loading={busy === 'save'} disabled={busy === 'submit'}>{t('loop.report.saveDraft')}</Button>
          <Button type="primary" onClick={() => void save(true)} loading={busy === 'submit'} disabled={busy === 'save'}>
            {current?.state === 'returned' ? t('loop.report.resubmit') : t('loop.report.submit')}
          </Button>
        </Flex>
      }
    >
      {current?.state === 'returned' && current.returnReason ? (
        <Alert type="warning" showIcon title={t('loop.report.returnReason', { reason: current.returnReason })} style={{ marginBottom: 16 }} />
      ) : null}
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        {current ? null : (
          <Form.Item name="periodKey" label={t('loop.report.period')} rules={[{ required: true, message: t('loop.report.periodRequired') }]}>
            <Select options={periodOptions} notFoundContent={t('loop.report.noPeriods')} />
          </Form.Item>
        )}
        <Form.Item label={t('loop.report.progress')} required>
          <Flex gap={12} align="center">
            <Form.Item name="progress" noStyle>
              <Slider min={0} max={100} style={{ flex: 1 }} aria-label={t('loop.report.progress')} />
            </Form.Item>
            <Form.Item name="progress" noStyle rules={[{ required: true, type: 'number', min: 0, max: 100 }]}>
              <InputNumber min={0} max={100} precision={1} suffix="%" style={{ width: 110 }} aria-label={t('loop.report.progressPercent')} />
            </Form.Item>
          </Flex>
        </Form.Item>
        {canWriteFinal ? (
          <Form.Item name="final" label={t('loop.report.final')} valuePropName="checked" extra={t('loop.report.finalHint')}>
            <Switch aria-label={t('loop.report.final')} />
          </Form.Item>
        ) : null}
        {canWriteFinal && final ? (
          <Form.Item name="summary" label={t('loop.report.summary')} rules={[{ required: true, whitespace: true, message: t('loop.report.summaryRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} placeholder={t('loop.report.summaryPlaceholder')} />
          </Form.Item>
        ) : null}
        <Form.Item name="text" label={t('loop.report.text')} rules={[{ required: true, whitespace: true, message: t('loop.report.textRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20000} placeholder={t('loop.report.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="problems" label={t('loop.report.problems')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Form.Item name="coordination" label={t('loop.report.coordination')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('loop.report.nextSteps')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        {openMilestones.length ? (
          <Form.Item label={t('loop.report.milestoneUpdates')} extra={t('loop.report.milestoneHint')}>
            <Flex vertical gap={8}>
              {openMilestones.map((m) => (
                <Flex key={m.id} gap={8} align="center" wrap>
                  <Form.Item name={['milestones', m.id, 'done']} valuePropName="checked" noStyle>
                    <Checkbox>{t('loop.report.milestoneOption', { title: m.title, date: formatDate(m.dueDate) })}</Checkbox>
                  </Form.Item>
                  <Form.Item name={['milestones', m.id, 'note']} noStyle>
                    <Input size="small" placeholder={t('loop.report.milestoneNote')} aria-label={t('loop.report.milestoneNoteFor', { title: m.title })} style={{ flex: '1 1 160px' }} maxLength={2000} />
                  </Form.Item>
                </Flex>
              ))}
            </Flex>
          </Form.Item>
        ) : null}
        <Form.Item label={t('loop.report.evidence')} extra={t('loop.report.evidenceHint')}>
          <Flex vertical gap={8}>
            {current?.evidence.length ? (
              <List
                size="small"
                bordered
                dataSource={current.evidence}
                renderItem={(e) => (
                  <List.Item
                    actions={[
                      <Popconfirm
                        key="delete"
                        title={t('loop.report.confirmRemoveFile', { name: e.filename })}
                        onConfirm={() =>
                          removeEvidence
                            .mutateAsync(e.id)
                            .then(() => fetchReport(e.reportId))
                            .then(setCurrent, setError)
                        }
                      >
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('loop.report.removeFile', { name: e.filename })} />
                      </Popconfirm>,
                    ]}
                  >
                    <span style={{ overflowWrap: 'anywhere' }}><PaperClipOutlined /> {e.filename}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8, whiteSpace: 'nowrap' }}>{formatBytes(e.byteSize)}</Typography.Text>
                  </List.Item>
                )}
              />
            ) : null}
            <Upload.Dragger
              multiple
              fileList={files}
              beforeUpload={(file) => {
                if (uploadLimit !== null && file.size > uploadLimit) {
                  void message.error(t('loop.report.fileTooLarge', { name: file.name, size: formatBytes(file.size), limit: formatBytes(uploadLimit) }));
                  return Upload.LIST_IGNORE;
                }
                // Kept in the browser until the report is saved.
                return false;
              }}
              onChange={({ fileList }) => setFiles(fileList)}
              aria-label={t('loop.report.evidence')}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('loop.report.dropFiles')}</p>
              <p className="ant-upload-hint">
                {t('loop.report.dropHint')}
                {uploadLimit !== null ? <><br />{t('loop.report.sizeLimit', { limit: formatBytes(uploadLimit) })}</> : null}
              </p>
            </Upload.Dragger>
          </Flex>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
