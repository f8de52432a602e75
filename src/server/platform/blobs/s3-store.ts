/**
 * Blobs as objects in S3-compatible storage, keyed `<prefix><aa>/<sha256>`. An object is created only under its hash:
 * a stream is first spooled to a temporary file (hashing as it goes, so memory stays bounded) and then uploaded with
 * its length; bytes already in memory go straight up. Same bytes twice → one object.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../config.ts';
import { checkBlobId, type BlobStore, type StoredBlob } from '../blobs.ts';
import { chunksOf, Digest } from './source.ts';

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
      // Only what S3 requires: several S3-compatible servers reject the newer optional checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(sha256: string): string {
    checkBlobId(sha256);
    return `${this.config.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(source: Uint8Array | Readable): Promise<StoredBlob> {
    if (source instanceof Uint8Array) {
      const digest = new Digest();
      digest.update(source);
      const sha256 = digest.hex();
      if (!(await this.has(sha256))) {
        await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256), Body: source, ContentLength: source.byteLength }));
      }
      return { sha256, size: source.byteLength };
    }
    const dir = await mkdtemp(join(tmpdir(), 'luoshi-s3-'));
    try {
      const file = join(dir, randomBytes(6).toString('hex'));
      const digest = new Digest();
      const fh = await open(file, 'w');
      try {
        for await (const chunk of chunksOf(source, 1024 * 1024)) {
          digest.update(chunk);
          await fh.write(chunk);
        }
      } finally {
        await fh.close();
      }
      const sha256 = digest.hex();
      if (!(await this.has(sha256))) {
        await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256), Body: createReadStream(file), ContentLength: digest.size }));
      }
      return { sha256, size: digest.size };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  stream(sha256: string): Readable {
    const key = this.key(sha256);
    const out = new PassThrough();
    this.client
      .send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }))
      .then((res) => {
        const body = res.Body;
        if (!(body instanceof Readable)) throw new Error(`blob ${sha256}: unexpected body from the object store`);
        body.on('error', (err) => out.destroy(err));
        body.pipe(out);
      })
      .catch((err: unknown) => out.destroy(isNotFound(err) ? new Error(`blob ${sha256} is missing from the store`) : (err as Error)));
    return out;
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
  }

  /** Nothing to sweep: an object exists only once complete (S3 writes are atomic). */
  async removeStaleTemporaryFiles(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
