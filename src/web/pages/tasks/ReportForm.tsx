/**
 * 填报反馈: a progress report for one period — progress, what was done, problems, coordination requests, next steps,
 * milestone updates and evidence files (drag and drop). Save as a draft or submit for review. Files chosen before
 * the draft exists are uploaded right after it is created (evidence belongs to a report).
 */
import { Alert, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Select, Slider, Switch } from 'antd';
import type { PeriodStanding, Report } from '../../api/reports.ts';
import type { Milestone } from '../../api/tasks.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { fieldsOf, initialValues, type ReportFormValues as Values } from './report-form-values.ts';
import { ReportEvidenceField } from './ReportEvidenceField.tsx';
import { useReportDraft } from './useReportDraft.ts';

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
  const errorText = useErrorText();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const { current, files, setFiles, error, setError, busy, save: saveDraft, removeFile } = useReportDraft({ taskId, report, onClose });

  const openMilestones = milestones.filter((m) => !m.done || current?.milestoneUpdates.some((u) => u.milestoneId === m.id));
  const initial = initialValues(report, periods, initialPeriod, progress);
  const final = Form.useWatch('final', form) ?? initial.final;

  const save = async (andSubmit: boolean) => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await saveDraft(v.periodKey ?? '', () => fieldsOf(v, openMilestones, canWriteFinal), andSubmit);
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
      <Form<Values> name="report" form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        {current ? null : (
          <Form.Item name="periodKey" label={t('loop.report.period')} rules={[{ required: true, message: t('loop.report.periodRequired') }]}>
            <Select options={periodOptions} notFoundContent={t('loop.report.noPeriods')} />
          </Form.Item>
        )}
        <Form.Item label={t('loop.report.progress')} required>
          <Flex gap={12} align="center">
            <Form.Item name="progress" noStyle>
              {/* Its own id: the number beside it is the field's labelled control, and ids must stay unique. */}
              <Slider id="report_progress_slider" min={0} max={100} style={{ flex: 1 }} aria-label={t('loop.report.progress')} />
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
          <ReportEvidenceField evidence={current?.evidence ?? []} files={files} onFiles={setFiles} onRemove={removeFile} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
