// Parses one DOCX or PDF in a worker thread, so the parent can cap its memory (resourceLimits) and end it at once
// on a time-out (worker.terminate()). Plain JavaScript: a worker does not inherit the parent's TypeScript loader.
// Input (workerData): { kind: 'docx' | 'pdf', bytes: Uint8Array, maxPdfPages: number }.
// Output (one message): { ok: true, text } for DOCX, { ok: true, pages } for PDF, or { ok: false, code, message }.
import { parentPort, workerData } from 'node:worker_threads';

async function parseDocx(bytes) {
  const mammoth = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return { ok: true, text: result.value };
}

async function parsePdf(bytes, maxPdfPages) {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(bytes);
  try {
    // Checked before a single page is read: a page count is cheap, a million pages are not.
    if (pdf.numPages > maxPdfPages) {
      return { ok: false, code: 'document_too_complex', message: `The PDF has ${pdf.numPages} pages; at most ${maxPdfPages} are read.` };
    }
    const { text } = await extractText(pdf, { mergePages: false });
    return { ok: true, pages: text };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

try {
  const { kind, bytes, maxPdfPages } = workerData;
  parentPort.postMessage(kind === 'pdf' ? await parsePdf(bytes, maxPdfPages) : await parseDocx(bytes));
} catch (e) {
  parentPort.postMessage({ ok: false, code: 'parse_failed', message: e instanceof Error ? e.message : String(e) });
}
