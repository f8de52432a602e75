/**
 * Content-addressed file storage under `<dataDir>/blobs`. Files are written to a temporary name, flushed and renamed,
 * so a crash never leaves a half-written blob under its final name. Several instances must share the data directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export class BlobStore {
  constructor(private readonly root: string) {}

  /** Absolute path of a blob; the hash is validated so a crafted id cannot escape the store. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid blob id');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Stores bytes and returns their SHA-256; storing the same bytes twice is a no-op. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    try {
      await stat(path);
      return sha256;
    } catch {
      // not stored yet
    }
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
    return sha256;
  }

  /**
   * Removes half-written files (`*.tmp`) a crashed process left behind. Only those untouched for `graceMs`: another
   * instance sharing the directory may be writing one right now, and a live write never pauses that long.
   */
  async removeStaleTemporaryFiles(graceMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    let dirs: string[];
    try {
      dirs = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const dir of dirs) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await readdir(join(this.root, dir)).catch(() => [] as string[])) {
        if (!name.endsWith('.tmp')) continue;
        const path = join(this.root, dir, name);
        const info = await stat(path).catch(() => null);
        if (info && now - info.mtimeMs >= graceMs) {
          await unlink(path).catch(() => {});
          removed += 1;
        }
      }
    }
    return removed;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  stream(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
