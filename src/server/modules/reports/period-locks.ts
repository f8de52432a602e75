/**
 * Locking a reporting period of a programme: once its ledger is published, no report for that period may be
 * started or submitted (reviews still go through). Programme supervisors lock and unlock; the units with open work
 * in the programme are told either way.
 */
import type { Kysely } from 'kysely';
import { isIsoDate, periodKeyBounds } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { notifyPeriodLock } from '../notices/index.ts';
import { canLockPeriods, getProgramme } from '../programmes/index.ts';
import { deletePeriodLock, findPeriodLock, insertPeriodLock, type PeriodLock } from './reports.repository.ts';

async function requireSupervisor(ctx: AppContext, trx: Kysely<DB>, actor: Actor, programmeId: string, periodKey: string): Promise<{ title: string }> {
  const programme = await getProgramme(ctx, actor, programmeId, trx);
  if (!canLockPeriods(actor, programme)) {
    throw forbidden('Only a supervisor of this programme can lock or unlock its periods');
  }
  // Every cadence's keys: a week, month or quarter, or a custom cadence's closing date.
  if (!periodKeyBounds(periodKey) && !isIsoDate(periodKey)) {
    throw badRequest('period_invalid', `${periodKey} is not a period key (2024-W05, 2024-03, 2024-Q1 or a date)`);
  }
  return programme;
}

/** Locks a period of a programme; 409 when it is locked already. */
export async function lockPeriod(ctx: AppContext, actor: Actor, programmeId: string, periodKey: string): Promise<PeriodLock> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const programme = await requireSupervisor(ctx, trx, actor, programmeId, periodKey);
    const lock: PeriodLock = { programmeId, periodKey, lockedBy: actor.kind === 'user' ? actor.id : null, lockedAt: now };
    if (!(await insertPeriodLock(trx, lock))) throw conflict('period_already_locked', `Period ${periodKey} is locked already`);
    await appendAudit(trx, actor, { action: 'period.locked', objectType: 'programme', objectId: programmeId, after: { periodKey }, context: { periodKey } }, now);
    await notifyPeriodLock(trx, ctx, actor, { programmeId, programmeTitle: programme.title, periodKey, locked: true, at: now });
    return lock;
  });
}

/** Unlocks a period, so reports for it may again be started and submitted. */
export async function unlockPeriod(ctx: AppContext, actor: Actor, programmeId: string, periodKey: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const programme = await requireSupervisor(ctx, trx, actor, programmeId, periodKey);
    const lock = await findPeriodLock(trx, programmeId, periodKey);
    if (!lock || !(await deletePeriodLock(trx, programmeId, periodKey))) throw notFound('period_lock', `Period ${periodKey} is not locked`);
    await appendAudit(
      trx,
      actor,
      { action: 'period.unlocked', objectType: 'programme', objectId: programmeId, before: { periodKey, lockedBy: lock.lockedBy, lockedAt: lock.lockedAt.toISOString() }, context: { periodKey } },
      now,
    );
    await notifyPeriodLock(trx, ctx, actor, { programmeId, programmeTitle: programme.title, periodKey, locked: false, at: now });
  });
}
