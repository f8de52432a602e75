/** DOCX (mammoth) and PDF (unpdf) text extraction, each guarded so that broken files reject instead of hanging. */
import { cleanPdfText } from './pdf-text.ts';
import { IntakeError } from './errors.ts';

/** Rejects with corrupt_file when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntakeError('corrupt_file', `Reading the ${what} took longer than ${Math.round(ms / 1000)} s; the file is probably damaged.`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Text of a .docx file, one paragraph per line. */
export async function extractDocx(bytes: Uint8Array, timeoutMs: number): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    const result = await withTimeout(mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }), timeoutMs, 'Word document');
    return result.value
      .split(/\r?\n/u)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    throw new IntakeError('corrupt_file', `This Word document could not be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'}); open it in Word and save it again as .docx.`);
  }
}

/** Text of a PDF's text layer, cleaned into paragraphs. An image-only PDF gives an empty string. */
export async function extractPdf(bytes: Uint8Array, timeoutMs: number): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of the buffer it is given: pass a copy so the caller's bytes stay intact.
  const data = new Uint8Array(bytes);
  try {
    const pdf = await withTimeout(getDocumentProxy(data), timeoutMs, 'PDF');
    try {
      const { text } = await withTimeout(extractText(pdf, { mergePages: false }), timeoutMs, 'PDF');
      return cleanPdfText(text);
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (/password/iu.test(message)) throw new IntakeError('unsupported_format', 'This PDF is password-protected: remove the protection and upload it again.');
    throw new IntakeError('corrupt_file', `This PDF could not be read (${message.slice(0, 120)}).`);
  }
}
