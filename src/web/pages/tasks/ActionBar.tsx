/**
 * The task's lifecycle actions, exactly those `abilities.actions` allows; actions refused by a fact of the task
 * (sub-tasks open, no accepted evidence, …) show disabled with the reason. Each opens a dialog asking for what the
 * action needs and posts `POST /api/v1/tasks/:id/transitions`.
 */
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { useTransition, type TaskAction, type TaskDetail, type TransitionInput } from '../../api/tasks.ts';
import { useActionLabel } from '../../components/loop/labels.ts';
import { useUserName } from '../../components/loop/names.ts';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { CadenceFields, cadenceOf, cadenceValues, coUnitsOf, fromDay, sameCadence, toDay, UnitFields, type CadenceValues, type UnitValues } from './fields.tsx';
import { useAuth } from '../../app/auth.tsx';
import { SuggestedUnits } from './SuggestedUnits.tsx';

/** The order of the buttons: the usual next step first. */
const ORDER: readonly TaskAction[] = [
  'assign', 'sign', 'start', 'requestCompletion', 'close', 'returnCompletion', 'approveExtension', 'refuseExtension',
  'requestExtension', 'requestReassign', 'reassign', 'suspend', 'resume', 'reopen',
];
const PRIMARY: ReadonlySet<TaskAction> = new Set<TaskAction>(['assign', 'sign', 'start', 'requestCompletion', 'close', 'approveExtension']);
/** Refusals that depend on the task's facts, worth explaining on a disabled button (not "not your role/state"). */
const EXPLAINED: ReadonlySet<string> = new Set(['children_open', 'evidence_required', 'report_required', 'final_report_required', 'self_review', 'extension_pending', 'resume_state_unknown']);
const REASON_REQUIRED: ReadonlySet<TaskAction> = new Set<TaskAction>(['requestReassign', 'returnCompletion', 'suspend', 'reopen', 'requestExtension', 'refuseExtension']);
/** Actions that take a reason when one is given (an approval may say why; 销号 must when it falls short). */
const REASON_OPTIONAL: ReadonlySet<TaskAction> = new Set<TaskAction>(['reassign', 'approveExtension', 'close']);

interface Values extends UnitValues, CadenceValues {
  reason?: string;
  reviewDate?: Dayjs | null;
  newDueDate?: Dayjs | null;
  dueDate?: Dayjs | null;
}

function ActionDialog({ action, detail, onClose }: { action: TaskAction; detail: TaskDetail; onClose(): void }) {
  const { t, tDynamic, formatDate } = useI18n();
  const { message } = App.useApp();
  const actionLabel = useActionLabel();
  const userName = useUserName();
  const errorText = useErrorText();
  const phone = usePhone();
  const transition = useTransition();
  const { can } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const { task } = detail;
  const units = action === 'assign' || action === 'reassign';
  const today = dayjs().startOf('day');
  // 销号 short of 100 % or of an accepted final report needs a stated reason; the server says when and why.
  const ability = detail.abilities.actions[action];
  const reasonRequired = REASON_REQUIRED.has(action) || Boolean(ability?.reasonRequired);

  const initial: Values = {
    leadUnitId: task.leadUnitId ?? undefined,
    coUnits: task.coUnits.map((c) => ({ unitId: c.unitId, part: c.part ?? undefined })),
    ownerUserId: task.ownerUserId,
    dueDate: fromDay(task.dueDate),
    newDueDate: action === 'approveExtension' ? fromDay(task.pendingExtension?.newDueDate) : null,
    ...cadenceValues(task.cadence),
  };

  const submit = async (v: Values) => {
    setError(null);
    try {
      const input: TransitionInput = { action, version: task.version };
      if (v.reason?.trim()) input.reason = v.reason.trim();
      if (action === 'suspend') input.reviewDate = toDay(v.reviewDate) ?? undefined;
      if (action === 'requestExtension' || action === 'approveExtension') input.newDueDate = toDay(v.newDueDate) ?? undefined;
      if (units) {
        if (v.leadUnitId) {
          input.leadUnitId = v.leadUnitId;
          input.coUnits = coUnitsOf(v);
        }
        // Only values, never null: the server's body coercion turns a null id into "" (see docs/ui.md, server gaps).
        if (v.ownerUserId) input.ownerUserId = v.ownerUserId;
        const due = toDay(v.dueDate);
        if (due) input.dueDate = due;
        // The cadence goes with the same request, and only when it changed (null clears it). The dialog does not show
        // grace days, so the task's own stay.
        const cadence = cadenceOf({ ...v, graceDays: task.cadence?.graceDays ?? null });
        if (!sameCadence(cadence, task.cadence)) input.cadence = cadence;
      }
      await transition.mutateAsync({ taskId: task.id, ...input });
      void message.success(tDynamic(`loop.action.${action}.done`, actionLabel(action)));
      onClose();
    } catch (err) {
      setError(err);
    }
  };

  const busy = transition.isPending;
  return (
    <Modal
      open
      title={actionLabel(action)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={actionLabel(action)}
      confirmLoading={busy}
      destroyOnHidden
      width={units ? 640 : 520}
      style={phone ? { top: 12 } : undefined}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{tDynamic(`loop.action.${action}.hint`, '')}</Typography.Paragraph>
        {(action === 'approveExtension' || action === 'refuseExtension') && task.pendingExtension ? (
          <Alert
            type="info"
            showIcon
            title={t('loop.extension.pending', { date: formatDate(task.pendingExtension.newDueDate), name: userName(task.pendingExtension.requestedBy) })}
            description={task.pendingExtension.reason}
          />
        ) : null}
        {action === 'close' && ability?.reasonRequired ? (
          <Alert
            type="warning"
            showIcon
            title={t('loop.close.reasonNeeded')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {(ability.because ?? []).map((cause) => (
                  <li key={cause}>{tDynamic(`loop.close.because.${cause}`, cause, { progress: task.progress })}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            title={errorText(error)}
            description={isApiError(error) && error.code === 'version_conflict' ? t('loop.reloaded') : undefined}
          />
        ) : null}
        <Form<Values> name="taskAction" form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} requiredMark="optional">
          {units ? (
            <>
              {action === 'assign' && !task.leadUnitId && can('task.assign') ? <SuggestedUnits taskId={task.id} onPick={(unitId) => form.setFieldValue('leadUnitId', unitId)} /> : null}
              <UnitFields form={form} leadRequired={action === 'reassign' || !task.leadUnitId} />
              {/* 交办 hands over a commitment with a deadline: today or later. */}
              <Form.Item name="dueDate" label={t('loop.task.dueDate')} rules={[{ required: true, message: t('loop.task.dueDateRequired') }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today)} />
              </Form.Item>
              <CadenceFields form={form} showGrace={false} />
            </>
          ) : null}
          {action === 'suspend' ? (
            <Form.Item name="reviewDate" label={t('loop.task.reviewDate')} rules={[{ required: true, message: t('loop.task.reviewDateRequired') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(today)} />
            </Form.Item>
          ) : null}
          {action === 'requestExtension' || action === 'approveExtension' ? (
            <Form.Item
              name="newDueDate"
              label={action === 'approveExtension' ? t('loop.extension.grantedDate') : t('loop.extension.newDueDate')}
              extra={task.dueDate ? t('loop.extension.currentDue', { date: formatDate(task.dueDate) }) : undefined}
              rules={action === 'requestExtension' ? [{ required: true, message: t('loop.extension.newDueDateRequired') }] : []}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => (task.dueDate ? !d.isAfter(dayjs(task.dueDate)) : false)} />
            </Form.Item>
          ) : null}
          {REASON_REQUIRED.has(action) || REASON_OPTIONAL.has(action) ? (
            <Form.Item
              name="reason"
              label={action === 'close' ? t('loop.close.reason') : t('loop.reason')}
              rules={reasonRequired ? [{ required: true, whitespace: true, message: t('loop.reasonRequired') }] : []}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          ) : null}
        </Form>
      </Flex>
    </Modal>
  );
}

/** `only` narrows the bar to some actions (the review queue shows just the decision it waits for). */
export function ActionBar({ detail, only }: { detail: TaskDetail; only?: readonly TaskAction[] }) {
  const { t, tDynamic } = useI18n();
  const actionLabel = useActionLabel();
  const [open, setOpen] = useState<TaskAction | null>(null);
  const abilities = detail.abilities.actions;
  const shown = ORDER.filter((a) => (!only || only.includes(a)) && (abilities[a]?.allowed || EXPLAINED.has(abilities[a]?.code ?? '')));
  if (shown.length === 0) return null;
  return (
    <>
      <Flex gap={8} wrap role="toolbar" aria-label={t('loop.task.actions')}>
        {shown.map((a) => {
          const ability = abilities[a];
          if (!ability?.allowed) {
            const why = tDynamic(`error.${ability?.code ?? ''}`, ability?.code ?? '');
            return (
              <Tooltip key={a} title={why}>
                <Button disabled aria-description={why}>{actionLabel(a)}</Button>
              </Tooltip>
            );
          }
          return (
            <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} onClick={() => setOpen(a)}>
              {actionLabel(a)}
            </Button>
          );
        })}
      </Flex>
      {open ? <ActionDialog key={open} action={open} detail={detail} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
