/**
 * Content-addressed storage for original documents and evidence, behind one interface with three stores chosen by
 * `LUOSHI_BLOB_STORE`: the data directory (`fs`, the default), PostgreSQL itself (`postgres`, chunked) or S3-compatible
 * object storage (`s3`). A blob's name is the SHA-256 of its bytes, so storing the same bytes twice is a no-op and a
 * blob, once stored, never changes.
 */
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import type { BlobStoreKind, Config } from './config.ts';
import type { Database } from './db/database.ts';
import { FsBlobStore } from './blobs/fs-store.ts';
import { PostgresBlobStore } from './blobs/postgres-store.ts';
import { S3BlobStore } from './blobs/s3-store.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  readonly kind: BlobStoreKind;
  /** Stores bytes (or a stream of them, never held whole in memory) and returns their hash and size. */
  put(source: Uint8Array | Readable): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  /** The blob's bytes; a missing blob makes the stream fail. */
  stream(sha256: string): Readable;
  /** Removes a blob (used by `blobs migrate` cleanup and tests); removing a missing blob is not an error. */
  delete(sha256: string): Promise<void>;
  /** Removes what a crashed writer left half-written, if older than `graceMs`; returns how many. */
  removeStaleTemporaryFiles(graceMs: number, now?: number): Promise<number>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}

/** The hash is validated wherever it becomes a path or key, so a crafted id cannot escape the store. */
export function checkBlobId(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid blob id');
  return sha256;
}

/** Builds the store of the given kind (the configured one by default) over this database. */
export function createBlobStore(config: Config, database: Database, kind: BlobStoreKind = config.blobStore): BlobStore {
  if (kind === 'fs') return new FsBlobStore(join(config.dataDir, 'blobs'));
  if (kind === 'postgres') {
    if (database.kind !== 'postgres') throw new Error('The postgres blob store needs a PostgreSQL database');
    return new PostgresBlobStore(database.db);
  }
  if (!config.s3) throw new Error('The s3 blob store needs LUOSHI_S3_BUCKET');
  return new S3BlobStore(config.s3);
}
