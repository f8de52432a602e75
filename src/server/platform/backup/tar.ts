/**
 * A minimal POSIX ustar writer and reader, gzip-compressed, for backup archives: regular files only, streamed from
 * and to disk so an archive of many gigabytes of evidence never sits in memory. Standard enough that `tar tzf`
 * lists a backup and `tar xzf` unpacks it by hand.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

const BLOCK = 512;

export interface TarSource {
  /** Path inside the archive, at most 100 bytes, `/`-separated. */
  name: string;
  /** A file on disk, or bytes in memory (the manifest). */
  file?: string;
  bytes?: Uint8Array;
}

export interface WrittenEntry {
  name: string;
  bytes: number;
  sha256: string;
}

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar: name too long: ${name}`);
  nameBytes.copy(h, 0);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0';
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * Writes the sources into a .tar.gz at `path`, hashing each file as it streams past. `sources` is consumed lazily,
 * so the caller may add the manifest last, once every other entry's checksum is known.
 */
export async function writeTarGz(path: string, sources: AsyncIterable<TarSource>, onEntry: (e: WrittenEntry) => void): Promise<void> {
  async function* blocks(): AsyncGenerator<Buffer> {
    for await (const src of sources) {
      const size = src.bytes ? src.bytes.byteLength : (await stat(src.file!)).size;
      yield header(src.name, size, Date.now());
      const hash = createHash('sha256');
      if (src.bytes) {
        hash.update(src.bytes);
        yield Buffer.from(src.bytes);
      } else {
        let written = 0;
        for await (const chunk of createReadStream(src.file!)) {
          const buf = chunk as Buffer;
          // A file that grows while it is archived would corrupt the tar stream: only the size in the header is sent.
          const part = buf.subarray(0, Math.max(0, size - written));
          if (part.length === 0) break;
          hash.update(part);
          written += part.length;
          yield part;
        }
        if (written !== size) throw new Error(`tar: ${src.file} shrank while it was archived`);
      }
      yield padding(size);
      onEntry({ name: src.name, bytes: size, sha256: hash.digest('hex') });
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(blocks()), createGzip(), createWriteStream(path, { flags: 'wx' }));
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the content in the unpacked .tar file. */
  offset: number;
}

/** Unpacks the gzip layer to `tarPath` and lists its entries (regular files only). */
export async function gunzipTo(archive: string, tarPath: string): Promise<TarEntry[]> {
  await pipeline(createReadStream(archive), createGunzip(), createWriteStream(tarPath, { flags: 'wx' }));
  const fh = await open(tarPath, 'r');
  try {
    const { size: total } = await fh.stat();
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let at = 0;
    while (at + BLOCK <= total) {
      await fh.read(h, 0, BLOCK, at);
      if (h.every((b) => b === 0)) break;
      const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
      const type = String.fromCharCode(h[156] ?? 48);
      if (!Number.isFinite(size) || size < 0) throw new Error('the archive is damaged (bad entry size)');
      if (type === '0' || type === '\0') entries.push({ name: prefix ? `${prefix}/${name}` : name, size, offset: at + BLOCK });
      at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Copies one entry's content out of the unpacked .tar into `dest`, returning its SHA-256. */
export async function extractEntry(tarPath: string, entry: TarEntry, dest: string): Promise<string> {
  const hash = createHash('sha256');
  const source = entry.size === 0 ? Readable.from([]) : createReadStream(tarPath, { start: entry.offset, end: entry.offset + entry.size - 1 });
  source.on('data', (c: Buffer) => hash.update(c));
  await pipeline(source, createWriteStream(dest, { flags: 'wx' }));
  return hash.digest('hex');
}

/** Reads one (small) entry into memory. */
export async function readEntry(tarPath: string, entry: TarEntry): Promise<Buffer> {
  const fh = await open(tarPath, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    await fh.read(buf, 0, entry.size, entry.offset);
    return buf;
  } finally {
    await fh.close();
  }
}
