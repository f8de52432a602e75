/**
 * ZIP containers (DOCX, XLSX, OFD …) read defensively, before anything unpacks them: the central directory is parsed
 * by hand (no library trusts it for us), and `checkZipArchive` proves what the entries really unpack to by inflating
 * each one with a hard output limit, so a decompression bomb is refused while it costs at most the limit.
 */
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused by `checkZipArchive`. */
  method: number;
  flags: number;
  compressedSize: number;
  /** As declared by the directory: a bomb may lie here, which `checkZipArchive` finds out. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipDirectory = { entries: ZipEntry[] } | { problem: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Reads a ZIP's central directory without inflating anything. */
export function readZipEntries(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  // The end record is 22 bytes plus a comment of up to 65,535 bytes.
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return { problem: 'the ZIP container is damaged (no central directory)' };
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { problem: 'ZIP64 containers are not accepted' };
  if (count > maxEntries) return { problem: `the ZIP container has more than ${maxEntries} entries` };
  if (offset + size > eocd) return { problem: 'the ZIP container is damaged (central directory out of bounds)' };
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > offset + size || view.getUint32(p, true) !== CENTRAL) return { problem: 'the ZIP container is damaged (bad directory entry)' };
    const nameLength = view.getUint16(p + 28, true);
    const end = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (end > offset + size) return { problem: 'the ZIP container is damaged (entry out of bounds)' };
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) return { problem: 'ZIP64 containers are not accepted' };
    if ((entry.flags & 0x1) !== 0) return { problem: 'encrypted containers are not accepted' };
    entries.push(entry);
    p = end;
  }
  return { entries };
}

export interface ZipLimits {
  maxEntries: number;
  /** Everything the entries unpack to, together. */
  maxTotalUnpacked: number;
  /** Unpacked ÷ packed, for entries that unpack to more than `ratioAppliesAbove` bytes. */
  maxRatio: number;
  ratioAppliesAbove: number;
}

/** What the directory declares, checked against the limits; null when within them. */
export function declaredZipProblem(entries: readonly ZipEntry[], packedBytes: number, limits: ZipLimits): string | null {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.uncompressedSize > limits.ratioAppliesAbove && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      return `“${e.name.slice(0, 80)}” would unpack to more than ${limits.maxRatio} times its packed size`;
    }
  }
  if (total > limits.maxTotalUnpacked) return `the container would unpack to ${mb(total)}, more than the ${mb(limits.maxTotalUnpacked)} allowed`;
  if (total > limits.ratioAppliesAbove && total > limits.maxRatio * packedBytes) {
    return `the container would unpack to more than ${limits.maxRatio} times its size`;
  }
  return null;
}

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

/**
 * How many bytes a raw deflate stream unpacks to, counted as it streams and never kept; stops (answering `limit + 1`)
 * as soon as it passes `limit`. Rejects when the stream is not valid deflate.
 */
export function unpackedSize(packed: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        inflate.destroy();
        resolve(limit + 1);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', reject);
    inflate.end(packed);
  });
}

/**
 * Checks a ZIP before any library unpacks it: entry count, declared sizes and ratios, and then the truth — every
 * entry is inflated, counting and discarding the output, and stopped one byte past what it declared, so an entry that
 * lies about its size costs at most that much time and almost no memory. Returns the entries, or the problem in words.
 */
export async function checkZipArchive(bytes: Uint8Array, limits: ZipLimits): Promise<ZipDirectory> {
  const dir = readZipEntries(bytes, limits.maxEntries);
  if ('problem' in dir) return dir;
  const declared = declaredZipProblem(dir.entries, bytes.byteLength, limits);
  if (declared) return { problem: declared };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of dir.entries) {
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) return { problem: 'the ZIP container is damaged (bad local header)' };
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const packed = bytes.subarray(start, start + e.compressedSize);
    if (packed.length !== e.compressedSize) return { problem: 'the ZIP container is damaged (entry runs past the end)' };
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) return { problem: `“${e.name.slice(0, 80)}” is stored with inconsistent sizes` };
      continue;
    }
    if (e.method !== 8) return { problem: `“${e.name.slice(0, 80)}” uses an unsupported compression method (${e.method})` };
    let actual: number;
    try {
      actual = await unpackedSize(packed, e.uncompressedSize);
    } catch {
      return { problem: `the ZIP container is damaged (“${e.name.slice(0, 80)}” does not inflate)` };
    }
    if (actual > e.uncompressedSize) return { problem: `“${e.name.slice(0, 80)}” unpacks to more than the ${e.uncompressedSize} bytes it declares` };
    if (actual !== e.uncompressedSize) return { problem: `“${e.name.slice(0, 80)}” unpacks to ${actual} bytes, not the ${e.uncompressedSize} it declares` };
  }
  return dir;
}
