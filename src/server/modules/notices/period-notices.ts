/**
 * A reporting period locked or unlocked (issue 15): every unit with open work in the programme learns that its
 * reports for that period can no longer (or can again) be submitted — through the same notice machinery.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { notify } from './notify.ts';
import { programmeOpenUnitIds } from './read-model.ts';

export interface PeriodLockNotice {
  programmeId: string;
  programmeTitle: string;
  periodKey: string;
  locked: boolean;
  /** When the lock was placed or lifted: part of the notice's identity, so a retried call cannot notify twice. */
  at: Date;
}

export async function notifyPeriodLock(trx: Kysely<DB>, ctx: AppContext, actor: Actor, input: PeriodLockNotice): Promise<void> {
  const unitIds = await programmeOpenUnitIds(trx, input.programmeId);
  if (unitIds.length === 0) return;
  const kind = input.locked ? 'period_locked' : 'period_unlocked';
  await notify(trx, ctx, {
    actor,
    kind,
    taskId: null,
    programmeId: input.programmeId,
    unitId: null,
    to: unitIds.map((unitId) => ({ kind: 'unit_liaisons' as const, unitId })),
    params: { programmeTitle: input.programmeTitle, periodKey: input.periodKey },
    dedupeKey: `${kind}|${input.programmeId}|${input.periodKey}|${input.at.toISOString()}`,
  }, input.at);
}
