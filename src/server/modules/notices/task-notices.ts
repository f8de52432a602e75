/** Notices raised by task transitions: who hears of an assignment, a request, a closure. */
import type { AppContext } from '../../platform/context.ts';
import { onTaskTransitioned, type TaskTransitioned } from '../tasks/index.ts';
import { notify, type NotifyKind, type NotifyRecipient } from './notify.ts';

const registered = new WeakSet<AppContext>();

function route(e: TaskTransitioned): { kind: NotifyKind; to: NotifyRecipient[] } | null {
  switch (e.action) {
    case 'assign':
    case 'reassign':
      return { kind: 'task_assigned', to: [{ kind: 'task_units' }] };
    case 'requestReassign':
      return { kind: 'reassign_requested', to: [{ kind: 'supervisors' }] };
    case 'requestCompletion':
      return { kind: 'completion_requested', to: [{ kind: 'supervisors' }] };
    case 'requestExtension':
      return { kind: 'extension_requested', to: [{ kind: 'supervisors' }] };
    case 'close':
      return { kind: 'task_closed', to: [{ kind: 'task_units' }] };
    default:
      return null;
  }
}

/** Subscribes the notices to this context's task transitions (once per context). */
export function registerTaskNotices(ctx: AppContext): void {
  if (registered.has(ctx)) return;
  registered.add(ctx);
  onTaskTransitioned(ctx, async (trx, c, e) => {
    const r = route(e);
    if (!r) return;
    await notify(
      trx,
      c,
      {
        actor: e.actor,
        kind: r.kind,
        taskId: e.after.id,
        to: r.to,
        params: {
          ...(e.reason ? { reason: e.reason } : {}),
          ...(e.action === 'requestExtension' && e.after.pendingExtension ? { dueDate: e.after.pendingExtension.newDueDate } : {}),
          ...(r.kind === 'task_assigned' && e.after.dueDate ? { dueDate: e.after.dueDate } : {}),
        },
        // One notice per transition: the task's version after it identifies the transition.
        dedupeKey: [r.kind, e.after.id, String(e.after.version)].map(encodeURIComponent).join('|'),
      },
      e.now,
    );
  });
}
