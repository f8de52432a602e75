/** Reading a blob source (bytes or a stream) piece by piece while hashing it. */
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';

/** Yields the source in pieces of at most `size` bytes (the last may be shorter); a byte array is sliced, not copied. */
export async function* chunksOf(source: Uint8Array | Readable, size: number): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let at = 0; at < source.byteLength; at += size) yield source.subarray(at, Math.min(at + size, source.byteLength));
    return;
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source as AsyncIterable<Buffer | string>) {
    let buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    while (buf.byteLength > 0) {
      const take = Math.min(size - pendingBytes, buf.byteLength);
      pending.push(buf.subarray(0, take));
      pendingBytes += take;
      buf = buf.subarray(take);
      if (pendingBytes === size) {
        yield Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/** A running SHA-256 and byte count. */
export class Digest {
  private readonly hash: Hash = createHash('sha256');
  size = 0;
  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.size += bytes.byteLength;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

/** SHA-256 and size of a stream, read to its end. */
export async function digestOf(stream: Readable): Promise<{ sha256: string; size: number }> {
  const d = new Digest();
  for await (const piece of stream as AsyncIterable<Buffer>) d.update(piece);
  return { sha256: d.hex(), size: d.size };
}

/** A readable over an async generator of byte chunks, failing the stream if the generator throws. */
export function readableOf(gen: () => AsyncGenerator<Uint8Array>): Readable {
  return Readable.from(gen(), { objectMode: false });
}
