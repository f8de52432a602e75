import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from '../../src/server/platform/blobs.ts';
import { BLOB_CHUNK_BYTES } from '../../src/server/platform/blobs/postgres-store.ts';
import { digestOf } from '../../src/server/platform/blobs/source.ts';
import { transferBlobs, verifyBlobs } from '../../src/server/platform/blobs/transfer.ts';
import { loadConfig, type Config } from '../../src/server/platform/config.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { runCli } from '../support/cli.ts';
import { S3Sink } from '../support/s3.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A stream that hands out `bytes` in uneven pieces, as a socket would. */
function trickle(bytes: Uint8Array): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0, n = 1; at < bytes.byteLength; n = (n * 7919) % 65_521) {
    const end = Math.min(bytes.byteLength, at + 1 + (n % 100_000));
    pieces.push(Buffer.from(bytes.subarray(at, end)));
    at = end;
  }
  return Readable.from(pieces);
}

async function readAll(store: BlobStore, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of store.stream(id)) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

let s3: S3Sink;
let pgDb: TestDatabase;
let fsDb: TestDatabase;
const configFor = (db: TestDatabase): Config => ({ ...loadConfig({}, { dataDir: db.tmpDir }), s3: s3.config('test/') });

beforeAll(async () => {
  s3 = await S3Sink.start();
  pgDb = await openTestDatabase('postgres');
  fsDb = await openTestDatabase('sqlite');
});
afterAll(async () => {
  await pgDb?.close();
  await fsDb?.close();
  await s3?.stop();
});

const STORES = ['fs', 'postgres', 's3'] as const;

describe.each(STORES)('the %s blob store', (kind) => {
  let store: BlobStore;
  beforeAll(() => {
    const db = kind === 'postgres' ? pgDb : fsDb;
    store = createBlobStore(configFor(db), db, kind);
  });
  afterAll(async () => store.close());

  it('fails to stream a blob it does not hold, and refuses an id that is not a hash', async () => {
    const absent = sha(randomBytes(8));
    expect(await store.has(absent)).toBe(false);
    await expect(readAll(store, absent)).rejects.toThrow();
    expect(() => store.stream('../../etc/passwd')).toThrow('invalid blob id');
    await expect(store.has('ab')).rejects.toThrow('invalid blob id');
  });

  it('stores a multi-chunk stream under its hash and gives back the same bytes', async () => {
    const bytes = randomBytes(BLOB_CHUNK_BYTES * 3 + 12_345);
    const stored = await store.put(trickle(bytes));
    expect(stored).toEqual({ sha256: sha(bytes), size: bytes.byteLength });
    expect(await store.has(stored.sha256)).toBe(true);
    expect((await readAll(store, stored.sha256)).equals(bytes)).toBe(true);
  });

  it('stores the same bytes twice, also at once, as one blob', async () => {
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 1);
    const [a, b, c] = await Promise.all([store.put(bytes), store.put(trickle(bytes)), store.put(Buffer.from(bytes))]);
    expect(new Set([a.sha256, b.sha256, c.sha256])).toEqual(new Set([sha(bytes)]));
    expect((await readAll(store, a.sha256)).equals(bytes)).toBe(true);
    if (kind === 'postgres') {
      const rows = await pgDb.db.selectFrom('blob_chunks').select(['sha256', 'seq']).where('sha256', 'in', [a.sha256]).execute();
      expect(rows.map((r) => r.seq).sort()).toEqual([0, 1]);
      // No temporary upload rows are left behind by the losers of the race.
      const uploads = await pgDb.db.selectFrom('blob_chunks').select('sha256').where('sha256', 'like', 'upload:%').execute();
      expect(uploads).toEqual([]);
    }
  });

  it('stores an empty blob and deletes a blob', async () => {
    const empty = await store.put(new Uint8Array(0));
    expect(empty.size).toBe(0);
    expect((await readAll(store, empty.sha256)).byteLength).toBe(0);
    const bytes = randomBytes(100);
    const { sha256 } = await store.put(bytes);
    await store.delete(sha256);
    expect(await store.has(sha256)).toBe(false);
    await store.delete(sha256);
  });

  it('removes only stale leftovers of interrupted writes', async () => {
    if (kind === 's3') {
      expect(await store.removeStaleTemporaryFiles(0)).toBe(0);
      return;
    }
    const now = Date.now();
    if (kind === 'fs') {
      const dir = join(fsDb.tmpDir, 'blobs', 'tmp');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'upload-old.tmp'), 'half');
      const old = (now - 3_600_000) / 1000;
      utimesSync(join(dir, 'upload-old.tmp'), old, old);
      writeFileSync(join(dir, 'upload-new.tmp'), 'half');
      expect(await store.removeStaleTemporaryFiles(60_000, now)).toBe(1);
      expect(existsSync(join(dir, 'upload-old.tmp'))).toBe(false);
      expect(existsSync(join(dir, 'upload-new.tmp'))).toBe(true);
    } else {
      // Built by hand: newId() never goes back in time within a process.
      const h = (now - 3_600_000).toString(16).padStart(12, '0');
      const old = `upload:${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-000000000000`;
      const fresh = `upload:${newId(now)}`;
      await pgDb.db.insertInto('blob_chunks').values([{ sha256: old, seq: 0, data: Buffer.from('x') }, { sha256: fresh, seq: 0, data: Buffer.from('y') }]).execute();
      expect(await store.removeStaleTemporaryFiles(60_000, now)).toBe(1);
      const left = await pgDb.db.selectFrom('blob_chunks').select('sha256').where('sha256', 'like', 'upload:%').execute();
      expect(left.map((r) => r.sha256)).toEqual([fresh]);
      await pgDb.db.deleteFrom('blob_chunks').where('sha256', '=', fresh).execute();
    }
  });
});

describe('moving blobs between stores (postgres database)', () => {
  it('copies every referenced blob, verifies it, reports what is missing or corrupt, and is safe to rerun', async () => {
    const config = configFor(pgDb);
    const fsStore = createBlobStore(config, pgDb, 'fs');
    const pgStore = createBlobStore(config, pgDb, 'postgres');
    const s3Store = createBlobStore({ ...config, s3: s3.config('moved/') }, pgDb, 's3');
    const blobs = [randomBytes(10), randomBytes(BLOB_CHUNK_BYTES * 2 + 5), randomBytes(777)];
    const at = new Date().toISOString();
    for (const b of blobs) {
      const { sha256 } = await fsStore.put(b);
      await pgDb.db.insertInto('blobs').values({ sha256, byte_size: b.byteLength, media_type: 'application/octet-stream', created_at: at }).execute();
    }
    // One referenced blob is gone from the source altogether.
    const lost = sha(Buffer.from('lost'));
    await pgDb.db.insertInto('blobs').values({ sha256: lost, byte_size: 4, media_type: 'text/plain', created_at: at }).execute();

    const first = await transferBlobs(pgDb.db, fsStore, pgStore);
    expect(first).toMatchObject({ total: 4, copied: 3, alreadyThere: 0 });
    expect(first.problems).toEqual([expect.objectContaining({ sha256: lost, problem: 'missing' })]);
    const again = await transferBlobs(pgDb.db, fsStore, pgStore);
    expect(again).toMatchObject({ total: 4, copied: 0, alreadyThere: 3 });

    const verified = await verifyBlobs(pgDb.db, pgStore);
    expect(verified.ok).toBe(3);
    expect(verified.problems.map((p) => p.sha256)).toEqual([lost]);

    // A blob whose bytes no longer match their name is refused, never copied.
    const victim = sha(blobs[2]!);
    writeFileSync(join(pgDb.tmpDir, 'blobs', victim.slice(0, 2), victim), 'tampered');
    const fsCheck = await verifyBlobs(pgDb.db, fsStore);
    expect(fsCheck.problems).toEqual(expect.arrayContaining([expect.objectContaining({ sha256: victim, problem: 'corrupt' })]));
    const toS3 = await transferBlobs(pgDb.db, fsStore, s3Store);
    expect(toS3.copied).toBe(2);
    expect(toS3.problems.map((p) => [p.sha256, p.problem]).sort()).toEqual([[lost, 'missing'], [victim, 'corrupt']].sort());
    expect(await s3Store.has(victim)).toBe(false);

    // From the intact postgres copy the last one goes across, and every copy reads back byte for byte.
    const fromPg = await transferBlobs(pgDb.db, pgStore, s3Store);
    expect(fromPg).toMatchObject({ copied: 1, alreadyThere: 2 });
    for (const b of blobs) expect((await digestOf(s3Store.stream(sha(b)))).sha256).toBe(sha(b));
    await s3Store.close();
  });
});

describe('luoshi blobs (SQLite data directory)', () => {
  it('refuses a postgres store on SQLite, migrates to S3 and verifies there', async () => {
    const db = await openTestDatabase('sqlite');
    try {
      const store = createBlobStore(loadConfig({}, { dataDir: db.tmpDir }), db, 'fs');
      const bytes = randomBytes(2000);
      const { sha256 } = await store.put(bytes);
      await db.db.insertInto('blobs').values({ sha256, byte_size: bytes.byteLength, media_type: 'application/pdf', created_at: new Date().toISOString() }).execute();

      const refused = await runCli(['blobs', 'migrate', '--to', 'postgres', '--data', db.tmpDir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/needs a PostgreSQL database/);
      const badSetting = await runCli(['blobs', 'verify', '--data', db.tmpDir], { LUOSHI_BLOB_STORE: 'postgres' });
      expect(badSetting.code).not.toBe(0);
      expect(badSetting.stderr).toMatch(/LUOSHI_BLOB_STORE=postgres needs DATABASE_URL/);

      const moved = await runCli(['blobs', 'migrate', '--to', 's3', '--data', db.tmpDir], { ...s3.env(), LUOSHI_S3_PREFIX: 'cli/' });
      expect(moved.stderr).toBe('');
      expect(moved.stdout).toMatch(/1 blobs: 1 copied, 0 already in s3, 0 failed/);
      expect(moved.code).toBe(0);
      const rerun = await runCli(['blobs', 'migrate', '--to', 's3', '--data', db.tmpDir], { ...s3.env(), LUOSHI_S3_PREFIX: 'cli/' });
      expect(rerun.stdout).toMatch(/0 copied, 1 already in s3/);
      const verified = await runCli(['blobs', 'verify', '--data', db.tmpDir], { ...s3.env(), LUOSHI_S3_PREFIX: 'cli/', LUOSHI_BLOB_STORE: 's3' });
      expect(verified.stdout).toMatch(/All 1 blobs intact in the s3 store/);
      expect(verified.code).toBe(0);
      const elsewhere = await runCli(['blobs', 'verify', '--data', db.tmpDir], { ...s3.env(), LUOSHI_S3_PREFIX: 'other/', LUOSHI_BLOB_STORE: 's3' });
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain(`missing ${sha256}`);
    } finally {
      await db.close();
    }
  });
});
