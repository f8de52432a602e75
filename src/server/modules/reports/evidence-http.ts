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

/** Sends a stored evidence file byte for byte, as an attachment under its safe name. */
export async function sendStoredFile(ctx: AppContext, reply: FastifyReply, file: { sha256: string; filename: string; mediaType: string; byteSize: number }) {
  if (!(await ctx.blobs.has(file.sha256))) throw new Error(`blob ${file.sha256} is missing from the store`);
  if (file.mediaType === 'text/csv') void reply.header('X-Luoshi-Content-Warning', CSV_WARNING);
  return reply
    .header('Content-Type', file.mediaType)
    .header('Content-Length', String(file.byteSize))
    .header('Content-Disposition', attachmentDisposition(file.filename))
    .header('X-Content-Type-Options', 'nosniff')
    .send(ctx.blobs.stream(file.sha256));
}
