/**
 * Blobs as files under `<dataDir>/blobs/<aa>/<sha256>`. Files are written to a temporary name while hashing, flushed
 * and renamed to their hash, so a crash never leaves a half-written blob under its final name. Several instances
 * must share the directory (or use another store).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { checkBlobId, type BlobStore, type StoredBlob } from '../blobs.ts';
import { chunksOf, Digest } from './source.ts';

const WRITE_CHUNK = 1024 * 1024;

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  constructor(private readonly root: string) {}

  /** Absolute path of a blob. */
  pathOf(sha256: string): string {
    checkBlobId(sha256);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(source: Uint8Array | Readable): Promise<StoredBlob> {
    // Bytes already in memory: the hash is known up front, and a blob stored before is not written again.
    if (source instanceof Uint8Array) {
      const known = new Digest();
      known.update(source);
      const sha256 = known.hex();
      if (await this.has(sha256)) return { sha256, size: source.byteLength };
    }
    // The hash is known only at the end, so the temporary file sits in `tmp/` and moves into its folder after.
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', `upload-${randomBytes(8).toString('hex')}.tmp`);
    const digest = new Digest();
    const fh = await open(tmp, 'w');
    try {
      try {
        for await (const chunk of chunksOf(source, WRITE_CHUNK)) {
          digest.update(chunk);
          await fh.write(chunk);
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
      const sha256 = digest.hex();
      const path = this.pathOf(sha256);
      if (await this.has(sha256)) {
        await unlink(tmp);
      } else {
        await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
        await rename(tmp, path);
      }
      return { sha256, size: digest.size };
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }

  /**
   * Removes half-written files (`*.tmp`) a crashed process left behind. Only those untouched for `graceMs`: another
   * instance sharing the directory may be writing one right now, and a live write never pauses that long.
   */
  async removeStaleTemporaryFiles(graceMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return 0;
    }
    const candidates: string[] = [];
    for (const name of names) {
      // `tmp/` holds uploads in progress; earlier builds wrote their temporary files beside the final ones.
      if (name === 'tmp' || /^[0-9a-f]{2}$/.test(name)) {
        for (const inner of await readdir(join(this.root, name)).catch(() => [] as string[])) {
          if (inner.endsWith('.tmp')) candidates.push(join(this.root, name, inner));
        }
      }
    }
    for (const path of candidates) {
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs >= graceMs) {
        await unlink(path).catch(() => {});
        removed += 1;
      }
    }
    return removed;
  }

  async has(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256);
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  stream(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async close(): Promise<void> {}
}
