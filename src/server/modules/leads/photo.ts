/**
 * A lead's photo: only JPEG, PNG or WebP (recognised from the bytes, not the name or the declared type), decoded with
 * a pixel ceiling, turned upright, shrunk to fit 2048 px and re-encoded as JPEG. sharp writes no metadata unless
 * asked, so EXIF (GPS position, camera, time), XMP, IPTC and ICC profiles never reach the store.
 */
import sharp from 'sharp';
import { AppError } from '../../platform/errors.ts';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_SIDE = 2048;
const MAX_INPUT_PIXELS = 40_000_000;

/** The image type from the first bytes, or null. */
export function sniffImage(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/** Re-encodes an uploaded photo to a metadata-free JPEG, or refuses it (415 wrong type, 400 undecodable). */
export async function reencodePhoto(bytes: Uint8Array): Promise<Buffer> {
  if (!sniffImage(bytes)) throw new AppError('unsupported_photo_type', 'The photo must be a JPEG, PNG or WebP image', 415);
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    throw new AppError('photo_unreadable', 'The photo could not be read as an image', 400);
  }
}
