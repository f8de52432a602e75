/**
 * Rate limits of public leads, per address and per task, over a sliding window. The attempts live in the database
 * (`lead_attempts`, like `sign_in_failures` for sign-in), so the limits hold across app instances. Every attempt is
 * counted before its challenge or content is looked at, so wrong answers and junk use up the allowance too.
 * Count-then-insert is not atomic: concurrent requests may pass a handful over the limit, never more.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { tooManyRequests } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './leads.repository.ts';

export const LEAD_LIMITS = { windowMinutes: 60, perAddress: 5, perTask: 30 } as const;

/** The address as stored: a keyed digest, so the table is no list of visitors' IP addresses. */
export function addressKeyOf(key: string, address: string): string {
  return createHmac('sha256', key).update(`address:${address}`).digest('base64url').slice(0, 32);
}

/** Refuses with 429 (and the seconds to wait) when a bucket is full; otherwise records the attempt. */
export async function countAttempt(db: Kysely<DB>, input: { addressKey: string; taskId: string; now: Date }): Promise<void> {
  const windowMs = LEAD_LIMITS.windowMinutes * 60_000;
  const since = new Date(input.now.getTime() - windowMs).toISOString();
  const buckets: Array<[{ addressKey: string } | { taskId: string }, number]> = [
    [{ addressKey: input.addressKey }, LEAD_LIMITS.perAddress],
    [{ taskId: input.taskId }, LEAD_LIMITS.perTask],
  ];
  for (const [bucket, max] of buckets) {
    const { count, oldest } = await repo.attemptsSince(db, bucket, since);
    if (count >= max) {
      const retryAt = (oldest ? new Date(oldest).getTime() : input.now.getTime()) + windowMs;
      const retryAfter = Math.max(1, Math.ceil((retryAt - input.now.getTime()) / 1000));
      throw tooManyRequests(`Too many leads; try again in ${Math.ceil(retryAfter / 60)} minutes`, retryAfter);
    }
  }
  await repo.recordAttempt(db, { id: newId(input.now.getTime()), addressKey: input.addressKey, taskId: input.taskId, at: input.now.toISOString() });
  // Old attempts are swept now and then; nothing depends on it for correctness.
  if (Math.random() < 0.02) await repo.pruneAttempts(db, new Date(input.now.getTime() - 24 * 3_600_000).toISOString());
}
