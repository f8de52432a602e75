/**
 * Notices raised by task transitions: every decision on a task reaches the people it concerns (an assignment, a
 * request, an extension decided, a suspension, a reassignment away …), and acting on an item settles its notice.
 *
 * Transitions inside a batch (`runTaskBatch`: bulk assignment, publishing with assignment) raise no notice each;
 * when the batch ends, each recipient group (a unit's liaisons, a programme's supervisors) gets one notice listing
 * its tasks — so a unit handed twenty tasks hears of them in one message.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TaskAction } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { onTaskBatchFinished, onTaskTransitioned, type TaskTransitioned } from '../tasks/index.ts';
import { insertNoticeTasks, NOTICE_KINDS, noticesOnTask, type GroupedItem, type MessageParams, type NoticeKind } from './notices.repository.ts';
import { notify, type NotifyKind, type NotifyRecipient } from './notify.ts';
import { withdrawPendingEmails } from './outbox.repository.ts';
import { unitLiaisons, unitNames } from './read-model.ts';
import { resolveNotices } from './resolve-notices.ts';

const registered = new WeakSet<AppContext>();

/** One notice a transition calls for: its kind, its recipients (in the task's terms) and its words. */
export interface NoticePlan {
  kind: NotifyKind;
  to: NotifyRecipient[];
  params: MessageParams;
  /** The unit addressed when it is not the task's lead unit (the one that lost a reassigned task). */
  unitId?: string;
}

type Task = TaskTransitioned['after'];

const unitIdsOf = (t: Pick<Task, 'leadUnitId' | 'coUnits'>): string[] => [...(t.leadUnitId ? [t.leadUnitId] : []), ...t.coUnits.map((c) => c.unitId)];
const TASK_UNITS: NotifyRecipient[] = [{ kind: 'task_units' }];

/** The notices a transition calls for (none for the unit's own steps, signing and starting). */
export async function plansFor(trx: Kysely<DB>, e: TaskTransitioned): Promise<NoticePlan[]> {
  const t = e.after;
  const reason: MessageParams = e.reason ? { reason: e.reason } : {};
  const due: MessageParams = t.dueDate ? { dueDate: t.dueDate } : {};
  switch (e.action) {
    case 'assign':
      return [{ kind: 'task_assigned', to: TASK_UNITS, params: due }];
    case 'reassign': {
      const before = unitIdsOf(e.before);
      const removed = before.filter((u) => !unitIdsOf(t).includes(u));
      const names = await unitNames(trx, [e.before.leadUnitId, t.leadUnitId].filter((u): u is string => u !== null));
      const from = e.before.leadUnitId && e.before.leadUnitId !== t.leadUnitId ? names.get(e.before.leadUnitId) : undefined;
      const plans: NoticePlan[] = [{ kind: 'task_reassigned', to: TASK_UNITS, params: { ...due, ...reason, ...(from ? { fromUnitName: from } : {}) } }];
      if (removed.length) {
        const to = t.leadUnitId ? names.get(t.leadUnitId) : undefined;
        plans.push({
          kind: 'task_reassigned_away',
          to: removed.map((unitId) => ({ kind: 'unit_liaisons', unitId })),
          params: { ...reason, ...(to ? { toUnitName: to } : {}) },
          unitId: removed.includes(e.before.leadUnitId ?? '') ? (e.before.leadUnitId ?? undefined) : removed[0],
        });
      }
      return plans;
    }
    case 'requestReassign':
      return [{ kind: 'reassign_requested', to: [{ kind: 'supervisors' }], params: reason }];
    case 'requestCompletion':
      return [{ kind: 'completion_requested', to: [{ kind: 'supervisors' }], params: reason }];
    case 'requestExtension':
      return [{ kind: 'extension_requested', to: [{ kind: 'supervisors' }], params: { ...reason, ...(t.pendingExtension ? { dueDate: t.pendingExtension.newDueDate } : {}) } }];
    case 'returnCompletion':
      return [{ kind: 'completion_returned', to: TASK_UNITS, params: reason }];
    case 'close': {
      const c = t.closure;
      return [{
        kind: 'task_closed',
        to: TASK_UNITS,
        params: { ...reason, ...(c && c.progress < 100 ? { progress: c.progress } : {}), ...(c && !c.finalReportAccepted ? { withoutFinalReport: true } : {}) },
      }];
    }
    case 'suspend':
      return [{ kind: 'task_suspended', to: TASK_UNITS, params: { ...reason, ...(t.reviewDate ? { reviewDate: t.reviewDate } : {}) } }];
    case 'resume':
      return [{ kind: 'task_resumed', to: TASK_UNITS, params: {} }];
    case 'reopen':
      return [{ kind: 'task_reopened', to: TASK_UNITS, params: reason }];
    case 'approveExtension':
    case 'refuseExtension': {
      // The liaison who asked hears the answer even if they are not (or no longer) a liaison of the task's units.
      const requester = e.before.pendingExtension?.requestedBy;
      const to: NotifyRecipient[] = [...TASK_UNITS, ...(requester && !requester.startsWith('system:') ? [{ kind: 'user' as const, userId: requester }] : [])];
      return e.action === 'approveExtension'
        ? [{ kind: 'extension_approved', to, params: { ...due, ...reason, ...(e.before.dueDate ? { previousDueDate: e.before.dueDate } : {}) } }]
        : [{ kind: 'extension_refused', to, params: { ...due, ...reason, ...(e.before.pendingExtension ? { requestedDueDate: e.before.pendingExtension.newDueDate } : {}) } }];
    }
    case 'sign':
    case 'start':
      return [];
  }
}

/** The notices an action settles: its item has been acted on, so every copy is marked read. */
const SETTLES: Readonly<Partial<Record<TaskAction, readonly NoticeKind[]>>> = {
  sign: ['task_assigned', 'task_reassigned'],
  requestReassign: ['task_assigned', 'task_reassigned'],
  reassign: ['reassign_requested', 'task_assigned', 'task_reassigned'],
  returnCompletion: ['completion_requested'],
  requestCompletion: ['remind', 'escalate', 'manual'],
  close: ['completion_requested', 'remind', 'escalate', 'manual'],
  approveExtension: ['extension_requested'],
  refuseExtension: ['extension_requested'],
};

async function settle(trx: Kysely<DB>, e: TaskTransitioned): Promise<void> {
  const kinds = SETTLES[e.action];
  if (kinds?.length) await resolveNotices(trx, e.actor, { taskId: e.after.id, kinds, cause: e.event }, e.now);
  if (e.action !== 'reassign') return;
  // The units that lost the task must not be sent a link to it: their e-mails still queued about it are withdrawn.
  const removed = unitIdsOf(e.before).filter((u) => !unitIdsOf(e.after).includes(u));
  if (removed.length === 0) return;
  const people = new Set((await unitLiaisons(trx, removed)).map((p) => p.userId));
  const notices = await noticesOnTask(trx, e.after.id, NOTICE_KINDS);
  await withdrawPendingEmails(trx, notices.map((n) => n.id), people, 'withdrawn: the recipient’s unit no longer has the task', e.now);
}

const keyOf = (...parts: string[]) => parts.map(encodeURIComponent).join('|');

// ---------------------------------------------------------------------------------------------------------------
// Grouping the notices of a batch

/** A recipient group of a batch: one unit's liaisons, one programme's supervisors, one person. */
function expand(to: readonly NotifyRecipient[], task: Task): Array<{ key: string; recipient: NotifyRecipient; unitId: string | null }> {
  const out: Array<{ key: string; recipient: NotifyRecipient; unitId: string | null }> = [];
  for (const r of to) {
    switch (r.kind) {
      case 'task_units':
        for (const unitId of r.coUnits === false ? (task.leadUnitId ? [task.leadUnitId] : []) : unitIdsOf(task)) out.push({ key: `unit:${unitId}`, recipient: { kind: 'unit_liaisons', unitId }, unitId });
        break;
      case 'unit_liaisons':
        out.push({ key: `unit:${r.unitId}`, recipient: r, unitId: r.unitId });
        break;
      case 'unit_head':
        out.push({ key: `head:${r.unitId}`, recipient: r, unitId: r.unitId });
        break;
      case 'supervisors':
        out.push({ key: 'supervisors', recipient: r, unitId: null });
        break;
      case 'user':
        out.push({ key: `user:${r.userId}`, recipient: r, unitId: null });
        break;
    }
  }
  return out;
}

interface Group {
  kind: NotifyKind;
  actor: Actor;
  programmeId: string;
  recipientKey: string;
  recipient: NotifyRecipient;
  unitId: string | null;
  entries: Array<{ e: TaskTransitioned; params: MessageParams }>;
  now: Date;
}

/**
 * One notice per recipient group and kind for a whole batch: a group that got a single task hears of it as usual,
 * a group that got several gets one notice listing them. Keys are built from the tasks and their versions, so a
 * retried batch records nothing twice.
 */
export async function notifyBatch(trx: Kysely<DB>, ctx: AppContext, events: readonly TaskTransitioned[]): Promise<void> {
  const groups = new Map<string, Group>();
  for (const e of events) {
    for (const plan of await plansFor(trx, e)) {
      for (const target of expand(plan.to, e.after)) {
        const actorKey = e.actor.kind === 'user' ? e.actor.id : `system:${e.actor.name}`;
        const key = keyOf(plan.kind, e.after.programmeId, actorKey, target.key);
        let g = groups.get(key);
        if (!g) {
          g = { kind: plan.kind, actor: e.actor, programmeId: e.after.programmeId, recipientKey: target.key, recipient: target.recipient, unitId: target.unitId, entries: [], now: e.now };
          groups.set(key, g);
        }
        // One line per task, even if a batch moved the same task twice.
        const at = g.entries.findIndex((x) => x.e.after.id === e.after.id);
        if (at >= 0) g.entries.splice(at, 1);
        g.entries.push({ e, params: plan.params });
      }
    }
  }
  for (const g of groups.values()) {
    const [only] = g.entries;
    if (g.entries.length === 1 && only) {
      await notify(trx, ctx, {
        actor: g.actor,
        kind: g.kind,
        taskId: only.e.after.id,
        to: [g.recipient],
        params: only.params,
        dedupeKey: keyOf(g.kind, only.e.after.id, String(only.e.after.version), g.recipientKey),
      }, g.now);
      continue;
    }
    const items: GroupedItem[] = g.entries.map(({ e, params }) => ({ taskId: e.after.id, title: e.after.title, dueDate: e.after.dueDate, params }));
    const identity = createHash('sha256').update(g.entries.map(({ e }) => `${e.after.id}@${e.after.version}`).sort().join(',')).digest('hex').slice(0, 32);
    const recorded = await notify(trx, ctx, {
      actor: g.actor,
      kind: g.kind,
      taskId: null,
      programmeId: g.programmeId,
      unitId: g.unitId,
      to: [g.recipient],
      params: { items },
      dedupeKey: keyOf('group', g.kind, g.programmeId, g.recipientKey, identity),
    }, g.now);
    if (recorded.created && recorded.noticeId) await insertNoticeTasks(trx, recorded.noticeId, items.map((i) => i.taskId));
  }
}

/** Subscribes the notices to this context's task transitions and batches (once per context). */
export function registerTaskNotices(ctx: AppContext): void {
  if (registered.has(ctx)) return;
  registered.add(ctx);
  onTaskTransitioned(ctx, async (trx, c, e) => {
    await settle(trx, e);
    // Inside a batch the notices wait for its end, to be grouped.
    if (e.batched) return;
    for (const plan of await plansFor(trx, e)) {
      await notify(
        trx,
        c,
        // One notice per transition and kind: the task's version after it identifies the transition.
        {
          actor: e.actor, kind: plan.kind, taskId: e.after.id, to: plan.to, params: plan.params, ...(plan.unitId ? { unitId: plan.unitId } : {}),
          dedupeKey: keyOf(plan.kind, e.after.id, String(e.after.version)),
        },
        e.now,
      );
    }
  });
  onTaskBatchFinished(ctx, (trx, c, events) => notifyBatch(trx, c, events));
}
