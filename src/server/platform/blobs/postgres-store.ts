/**
 * Blobs inside PostgreSQL, for instances that share nothing but the database: each blob is a run of rows in
 * `blob_chunks` (256 KiB each), written and read one chunk at a time so no file is ever whole in memory. A blob being
 * written lives under a temporary key `upload:<uuidv7>` and is renamed to its hash in one statement when complete, so
 * readers never see part of a blob; a writer that died leaves only `upload:` rows, which the stale sweep removes.
 */
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import { isUniqueViolation } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { checkBlobId, type BlobStore, type StoredBlob } from '../blobs.ts';
import { chunksOf, Digest, readableOf } from './source.ts';

export const BLOB_CHUNK_BYTES = 256 * 1024;
const UPLOAD = 'upload:';

export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres' as const;
  constructor(private readonly db: Kysely<DB>) {}

  async put(source: Uint8Array | Readable): Promise<StoredBlob> {
    const key = `${UPLOAD}${newId()}`;
    const digest = new Digest();
    let seq = 0;
    try {
      for await (const chunk of chunksOf(source, BLOB_CHUNK_BYTES)) {
        digest.update(chunk);
        await this.db.insertInto('blob_chunks').values({ sha256: key, seq: seq++, data: chunk }).execute();
      }
      // An empty blob is still one (empty) chunk, so that chunk 0 marks every stored blob.
      if (seq === 0) await this.db.insertInto('blob_chunks').values({ sha256: key, seq: seq++, data: new Uint8Array(0) }).execute();
      const sha256 = digest.hex();
      if (await this.has(sha256)) {
        await this.discard(key);
      } else {
        try {
          await this.db.updateTable('blob_chunks').set({ sha256 }).where('sha256', '=', key).execute();
        } catch (err) {
          // Another instance stored the same bytes between our check and the rename: theirs stands.
          if (!isUniqueViolation(err)) throw err;
          await this.discard(key);
        }
      }
      return { sha256, size: digest.size };
    } catch (err) {
      await this.discard(key).catch(() => {});
      throw err;
    }
  }

  private async discard(key: string): Promise<void> {
    await this.db.deleteFrom('blob_chunks').where('sha256', '=', key).execute();
  }

  async has(sha256: string): Promise<boolean> {
    checkBlobId(sha256);
    const row = await this.db.selectFrom('blob_chunks').select('seq').where('sha256', '=', sha256).where('seq', '=', 0).executeTakeFirst();
    return row !== undefined;
  }

  stream(sha256: string): Readable {
    checkBlobId(sha256);
    const db = this.db;
    return readableOf(async function* () {
      // Chunk by chunk through the primary key: a 20 MB file costs 80 small queries and one chunk of memory.
      for (let seq = 0; ; seq++) {
        const row = await db.selectFrom('blob_chunks').select('data').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
        if (!row) {
          if (seq === 0) throw new Error(`blob ${sha256} is missing from the store`);
          return;
        }
        if (row.data.byteLength > 0) yield row.data;
      }
    });
  }

  async delete(sha256: string): Promise<void> {
    checkBlobId(sha256);
    await this.db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
  }

  /** Removes `upload:` rows whose UUIDv7 says they were started more than `graceMs` ago. */
  async removeStaleTemporaryFiles(graceMs: number, now = Date.now()): Promise<number> {
    const cutoff = newIdPrefix(now - graceMs);
    const result = await this.db.deleteFrom('blob_chunks').where('sha256', '>=', UPLOAD).where('sha256', '<', `${UPLOAD}${cutoff}`).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }

  async close(): Promise<void> {}
}

/** The first 13 characters of a UUIDv7 made at `ms` (48-bit time, hyphen after 8): ids sort by them. */
function newIdPrefix(ms: number): string {
  const h = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}`;
}
