/**
 * `luoshi blobs migrate` and `luoshi blobs verify`: every blob the database refers to (the `blobs` table), copied
 * from one store to another or read back and hashed. Copying is idempotent and resumable: a blob the target already
 * holds with the right hash is skipped, and a blob is written under its hash only once complete.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { BlobStore } from '../blobs.ts';
import { digestOf } from './source.ts';

export interface BlobProblem {
  sha256: string;
  problem: 'missing' | 'corrupt';
  detail: string;
}

export interface TransferReport {
  total: number;
  copied: number;
  alreadyThere: number;
  problems: BlobProblem[];
}

export interface VerifyReport {
  total: number;
  ok: number;
  problems: BlobProblem[];
}

const PAGE = 500;

/** Every referenced blob, in hash order, a page at a time (a large installation holds hundreds of thousands). */
async function* referencedBlobs(db: Kysely<DB>): AsyncGenerator<{ sha256: string; size: number }> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('blobs').select(['sha256', 'byte_size']).where('sha256', '>', after).orderBy('sha256').limit(PAGE).execute();
    for (const r of rows) yield { sha256: r.sha256, size: Number(r.byte_size) };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.sha256;
  }
}

/** Reads a blob back and compares hash and size with its name and the database's record. */
async function check(store: BlobStore, blob: { sha256: string; size: number }): Promise<BlobProblem | null> {
  if (!(await store.has(blob.sha256))) return { sha256: blob.sha256, problem: 'missing', detail: `not in the ${store.kind} store` };
  try {
    const got = await digestOf(store.stream(blob.sha256));
    if (got.sha256 !== blob.sha256) return { sha256: blob.sha256, problem: 'corrupt', detail: `content hashes to ${got.sha256}` };
    if (got.size !== blob.size) return { sha256: blob.sha256, problem: 'corrupt', detail: `${got.size} bytes, the database says ${blob.size}` };
    return null;
  } catch (err) {
    return { sha256: blob.sha256, problem: 'corrupt', detail: (err as Error).message };
  }
}

/** Verifies every referenced blob in the store. */
export async function verifyBlobs(db: Kysely<DB>, store: BlobStore, onProgress?: (done: number) => void): Promise<VerifyReport> {
  const report: VerifyReport = { total: 0, ok: 0, problems: [] };
  for await (const blob of referencedBlobs(db)) {
    report.total += 1;
    const problem = await check(store, blob);
    if (problem) report.problems.push(problem);
    else report.ok += 1;
    onProgress?.(report.total);
  }
  return report;
}

/** Copies every referenced blob from `source` to `target`, verifying each copy; blobs already copied are skipped. */
export async function transferBlobs(db: Kysely<DB>, source: BlobStore, target: BlobStore, onProgress?: (done: number) => void): Promise<TransferReport> {
  const report: TransferReport = { total: 0, copied: 0, alreadyThere: 0, problems: [] };
  for await (const blob of referencedBlobs(db)) {
    report.total += 1;
    onProgress?.(report.total);
    if ((await check(target, blob)) === null) {
      report.alreadyThere += 1;
      continue;
    }
    if (!(await source.has(blob.sha256))) {
      report.problems.push({ sha256: blob.sha256, problem: 'missing', detail: `not in the ${source.kind} store (source)` });
      continue;
    }
    let stored;
    try {
      stored = await target.put(source.stream(blob.sha256));
    } catch (err) {
      report.problems.push({ sha256: blob.sha256, problem: 'corrupt', detail: `copy failed: ${(err as Error).message}` });
      continue;
    }
    if (stored.sha256 !== blob.sha256) {
      // The source's bytes do not match their name: keep the bad copy out of the target.
      await target.delete(stored.sha256).catch(() => {});
      report.problems.push({ sha256: blob.sha256, problem: 'corrupt', detail: `source content hashes to ${stored.sha256}` });
      continue;
    }
    const problem = await check(target, blob);
    if (problem) report.problems.push(problem);
    else report.copied += 1;
  }
  return report;
}
