/**
 * Evidence handling other modules reuse (relay records, inspections): the same checks as a report's evidence —
 * size limit (413), type sniffed from the bytes (415), content-addressed blobs, a safe download name.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, tooLarge } from '../../platform/errors.ts';
import type { UploadedFile } from './evidence.ts';
import { evidenceFilename, sniffEvidence } from './evidence-files.ts';
import { insertBlobIfMissing } from './reports.repository.ts';

export interface StoredUpload {
  sha256: string;
  filename: string;
  mediaType: string;
  byteSize: number;
}

/**
 * Checks every file first (one bad file stores none), then writes their blobs. Called before the caller's
 * transaction: blobs are content-addressed, so a rolled-back write leaves at most a file the next upload reuses.
 */
export async function storeUploads(ctx: AppContext, files: readonly UploadedFile[]): Promise<StoredUpload[]> {
  if (files.length === 0) throw badRequest('file_required', 'Send at least one file in the multipart field "file"');
  const typed = files.map((f) => {
    const label = f.filename ? `“${f.filename}”` : 'A file';
    if (f.bytes.byteLength === 0) throw badRequest('file_empty', `${label} is empty`);
    if (f.bytes.byteLength > ctx.config.uploadLimitBytes) throw tooLarge(`${label} is larger than ${ctx.config.uploadLimitBytes} bytes`);
    const sniffed = sniffEvidence(f.bytes, f.filename);
    if (!sniffed.ok) throw new AppError('unsupported_file_type', `${label}: ${sniffed.message}`, 415);
    return { ...f, type: sniffed.type };
  });
  const stored: StoredUpload[] = [];
  for (const f of typed) {
    stored.push({ sha256: (await ctx.blobs.put(f.bytes)).sha256, filename: evidenceFilename(f.filename, f.type), mediaType: f.type.mediaType, byteSize: f.bytes.byteLength });
  }
  return stored;
}

/** Records the stored uploads' blob rows in the caller's transaction (a blob shared with other evidence is kept once). */
export async function recordUploadBlobs(trx: Kysely<DB>, stored: readonly StoredUpload[], now: Date): Promise<void> {
  for (const s of stored) await insertBlobIfMissing(trx, { sha256: s.sha256, byteSize: s.byteSize, mediaType: s.mediaType, now });
}
