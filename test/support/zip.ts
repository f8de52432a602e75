/**
 * ZIP containers built at run time for tests: ordinary ones, and decompression bombs of any size (a 1.1 MB file that
 * unpacks to 1.1 GB) without ever holding the unpacked bytes, so no huge fixture is committed or allocated.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Content to deflate; or `packed` (already raw-deflated) with its `size`. */
  data?: Uint8Array | string;
  packed?: Buffer;
  size?: number;
  /** What the directory claims the entry unpacks to, when it should lie. */
  declaredSize?: number;
}

/** A raw deflate stream of `megabytes` MiB of zero bytes, about 1 KB per MiB. */
export function zeroDeflate(megabytes: number): Buffer {
  // A fully flushed block never refers back past itself, so copies of it chain into one valid stream.
  const block = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(megabytes).fill(block), Buffer.from([0x03, 0x00])]);
}

/** A ZIP of deflated entries (CRC left 0 for pre-packed ones: the bombs must be refused before any CRC check). */
export function zipFile(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = p.data === undefined ? null : Buffer.from(p.data);
    const packed = p.packed ?? deflateRawSync(raw ?? Buffer.alloc(0));
    const size = p.declaredSize ?? p.size ?? raw?.length ?? 0;
    const crc = raw ? crc32(raw) : 0;
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A Word-shaped container whose document.xml unpacks to `megabytes` MiB; `declaredMegabytes` makes it lie. */
export function bombDocx(megabytes: number, declaredMegabytes = megabytes): Buffer {
  return zipFile([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', packed: zeroDeflate(megabytes), size: megabytes * 1048576, declaredSize: declaredMegabytes * 1048576 },
  ]);
}
