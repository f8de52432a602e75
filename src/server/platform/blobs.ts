/**
 * Content-addressed file storage under `<dataDir>/blobs`. Files are written to a temporary name, flushed and renamed,
 * so a crash never leaves a half-written blob under its final name. Several instances must share the data directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
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
