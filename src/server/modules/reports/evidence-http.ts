/** The HTTP halves of evidence handling other modules reuse: reading a multipart upload, sending a stored file. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import type { UploadedFile } from './evidence.ts';
import { attachmentDisposition } from './evidence-files.ts';

const CSV_WARNING = 'csv-formulas-not-neutralised; cells starting with = + - @ may run as formulas in a spreadsheet';

/** Reads the files of multipart fields named `file` (size-limited by the multipart plugin); other file fields are 400. */
export async function readUploadedFiles(req: FastifyRequest): Promise<UploadedFile[]> {
  if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the files as multipart/form-data in fields named "file"');
  const files: UploadedFile[] = [];
  const unexpected: string[] = [];
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file') {
      unexpected.push(part.fieldname);
      part.file.resume();
      continue;
    }
    files.push({ filename: part.filename || null, bytes: await part.toBuffer() });
  }
  if (unexpected.length) throw badRequest('unexpected_field', `Files go in fields named "file", not "${unexpected[0]}"`);
  return files;
}

interface StoredFile {
  id: string;
  sha256: string;
  filename: string;
  mediaType: string;
  byteSize: number;
}

/**
 * The headers every evidence download carries: only as an attachment under its safe name, never sniffed, and on a CSV a
 * warning that its formula cells are not neutralised (evidence is served byte for byte: its hash is the proof).
 */
export function setStoredFileHeaders(reply: FastifyReply, file: StoredFile): FastifyReply {
  if (file.mediaType === 'text/csv') void reply.header('X-Luoshi-Content-Warning', CSV_WARNING);
  return reply
    .header('Content-Type', file.mediaType)
    .header('Content-Length', String(file.byteSize))
    .header('Content-Disposition', attachmentDisposition(file.filename))
    .header('X-Content-Type-Options', 'nosniff');
}

/** Sends a stored evidence file that its module has already let the caller see. */
export async function sendStoredFile(ctx: AppContext, reply: FastifyReply, file: StoredFile) {
  // A row whose bytes are gone is the server's fault (a 500 that names it in the log), not the caller's.
  if (!(await ctx.blobs.has(file.sha256))) throw new Error(`evidence ${file.id}: blob ${file.sha256} is missing from the store`);
  return setStoredFileHeaders(reply, file).send(ctx.blobs.stream(file.sha256));
}
