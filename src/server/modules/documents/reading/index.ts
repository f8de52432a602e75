/**
 * readDocument: uploaded bytes → the text the intake engine decomposes. Sniffs the format from the content (the
 * file name is only a hint), decodes, and refuses what it cannot read with an IntakeError carrying a stable code.
 */
import iconv from 'iconv-lite';
import { stripForbiddenText } from '../../../../core/text.ts';
import { decodeText, scoreDecoding } from './decode-text.ts';
import { IntakeError } from './errors.ts';
import { DEFAULT_PARSE_LIMITS, extractDocx, extractPdf, type ParseLimits } from './extractors.ts';
import { declaredCharset, htmlToText, looksLikeHtml } from './html.ts';

export { IntakeError, isIntakeError } from './errors.ts';
export type { IntakeErrorCode } from './errors.ts';
export { cleanPdfText, tidySpaces } from './pdf-text.ts';
export { htmlToText } from './html.ts';
export { decodeText } from './decode-text.ts';
export { DEFAULT_PARSE_LIMITS, liveParseWorkers, type ParseLimits } from './extractors.ts';

export type DocumentFormat = 'txt' | 'docx' | 'pdf' | 'html';

export interface ReadOptions {
  filename?: string;
  /** Largest accepted file in bytes; default 20 MB. */
  maxBytes?: number;
  /** Longest time a DOCX or PDF parser may take; default 20 s. */
  timeoutMs?: number;
  /** Limits of the DOCX/PDF parse (memory, pages, objects, ZIP sizes); the defaults suit any real document. */
  limits?: Partial<ParseLimits>;
}

/** Longest text read from a file: about fifty government work reports end to end. */
export const MAX_TEXT_LENGTH = 2_000_000;

export interface ReadResult {
  text: string;
  format: DocumentFormat;
  /** Text encoding of a plain-text or HTML file; utf-8 for DOCX (its XML), pdf for a PDF text layer. */
  encoding: string;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

function contains(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.byteLength)).indexOf(n) !== -1;
}

function extension(filename: string | undefined): string {
  const m = /\.([a-z0-9]+)$/iu.exec(filename ?? '');
  return m?.[1]?.toLowerCase() ?? '';
}

/** Decodes an HTML page: its declared charset when that decodes cleanly, otherwise detection. */
function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const declared = declaredCharset(bytes);
  if (declared && !/^utf-?8$/u.test(declared) && iconv.encodingExists(declared)) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared);
    if (scoreDecoding(text).badShare < 0.02) return { text, encoding: declared === 'gb2312' || declared === 'gbk' ? 'gb18030' : declared };
  }
  return decodeText(bytes);
}

function refuseEmpty(text: string, what: string): void {
  if (!/[\p{L}\p{N}]/u.test(text)) throw new IntakeError('empty_document', `The ${what} contains no text.`);
}

/**
 * Reads an uploaded document. Throws IntakeError (never anything else) when the file cannot be used. Control and
 * bidirectional override characters inside the file are dropped from the text (the original bytes are kept as they
 * are): PostgreSQL cannot store U+0000, and the others would make the reader show something the text does not say.
 */
export async function readDocument(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadResult> {
  const read = await readDocumentText(bytes, opts);
  if (read.text.length > MAX_TEXT_LENGTH) {
    throw new IntakeError('document_too_complex', `The file holds ${read.text.length} characters of text; at most ${MAX_TEXT_LENGTH} are read.`);
  }
  return { ...read, text: stripForbiddenText(read.text) };
}

async function readDocumentText(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const limits: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...opts.limits, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) };
  if (bytes.byteLength > maxBytes) {
    throw new IntakeError('too_large', `The file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB.`);
  }
  if (bytes.byteLength === 0) throw new IntakeError('empty_document', 'The file is empty.');
  const ext = extension(opts.filename);

  if (contains(bytes, '%PDF-', 1024)) {
    const text = await extractPdf(bytes, limits);
    if (!/[\p{L}\p{N}]/u.test(text)) {
      throw new IntakeError('pdf_needs_ocr', 'This PDF has no text layer (it is a scan or images of pages): run OCR on it first, or upload the original document.');
    }
    return { text, format: 'pdf', encoding: 'pdf' };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (!contains(bytes, 'word/')) {
      throw new IntakeError('unsupported_format', 'This is a ZIP archive but not a Word document (.docx): upload a .docx, .pdf, .txt or .html file.');
    }
    const text = await extractDocx(bytes, limits);
    refuseEmpty(text, 'Word document');
    return { text, format: 'docx', encoding: 'utf-8' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new IntakeError('unsupported_format', 'Old Word (.doc) and other Office 97–2003 files are not supported: save the document as .docx.');
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new IntakeError('unsupported_format', 'RTF files are not supported: save the document as .docx.');
  }
  const image =
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]);
  if (image) throw new IntakeError('unsupported_format', 'This is an image: run OCR on it first, or upload the original document.');
  if (ext === 'pdf' || ext === 'docx') {
    throw new IntakeError('corrupt_file', `The file is named .${ext} but is not a ${ext === 'pdf' ? 'PDF' : 'Word document'}.`);
  }

  const htmlByName = ext === 'html' || ext === 'htm' || ext === 'xhtml';
  const decoded = htmlByName ? decodeHtml(bytes) : decodeText(bytes);
  if (htmlByName || looksLikeHtml(decoded.text)) {
    const html = htmlByName ? decoded : decodeHtml(bytes);
    const text = htmlToText(html.text);
    refuseEmpty(text, 'web page');
    return { text, format: 'html', encoding: html.encoding };
  }
  refuseEmpty(decoded.text, 'file');
  return { text: decoded.text, format: 'txt', encoding: decoded.encoding };
}
