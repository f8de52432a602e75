/**
 * DOCX (mammoth) and PDF (unpdf) text extraction, where it can be cut off. A DOCX is first checked as a ZIP (entries,
 * declared and actual unpacked sizes, ratios) and a PDF's object count is read from its bytes; only then is the file
 * parsed, in a worker thread with a memory ceiling that is terminated — not merely abandoned — on a time-out. At most
 * `PARSE_CONCURRENCY` files are parsed at once, so a burst of uploads cannot multiply the memory a parse may take.
 */
import { Worker } from 'node:worker_threads';
import { checkZipArchive, type ZipLimits } from '../../../platform/zip.ts';
import { IntakeError } from './errors.ts';
import { cleanPdfText } from './pdf-text.ts';

export interface ParseLimits {
  /** Longest time a parse may take, waiting for a free worker included. */
  timeoutMs: number;
  /** The worker's V8 heap ceiling; past it the worker dies and the file is refused. */
  memoryMb: number;
  maxPdfPages: number;
  maxPdfObjects: number;
  zip: ZipLimits;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  timeoutMs: 20_000,
  memoryMb: 256,
  // A long government report runs to a few hundred pages; the limits are far above any document Luoshi reads.
  maxPdfPages: 2000,
  maxPdfObjects: 500_000,
  zip: {
    maxEntries: 2000,
    maxTotalUnpacked: 128 * 1024 * 1024,
    // Word XML compresses 5–20:1; a thousandfold entry is a bomb, not a document.
    maxRatio: 100,
    ratioAppliesAbove: 4 * 1024 * 1024,
  },
};

/** Parses running at once in this process; more wait for a free slot (the wait counts toward the time-out). */
export const PARSE_CONCURRENCY = 2;

let running = 0;
const waiting: Array<() => void> = [];

/** Workers alive now (for tests: a timed-out parse must leave none behind). */
export function liveParseWorkers(): number {
  return running;
}

function acquire(deadline: number): Promise<void> {
  if (running < PARSE_CONCURRENCY) {
    running += 1;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const wake = () => {
      clearTimeout(timer);
      running += 1;
      resolve();
    };
    const timer = setTimeout(() => {
      const i = waiting.indexOf(wake);
      if (i >= 0) waiting.splice(i, 1);
      reject(new IntakeError('parse_timeout', 'The server is busy reading other documents; try again in a minute.'));
    }, Math.max(0, deadline - Date.now()));
    timer.unref();
    waiting.push(wake);
  });
}

function release(): void {
  running -= 1;
  waiting.shift()?.();
}

type WorkerAnswer = { ok: true; text?: string; pages?: string[] } | { ok: false; code: string; message: string };

const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url);

/** Runs the parse worker once, with the memory ceiling and a hard kill at the deadline. */
async function runWorker(kind: 'docx' | 'pdf', bytes: Uint8Array, limits: ParseLimits, what: string): Promise<WorkerAnswer> {
  const deadline = Date.now() + limits.timeoutMs;
  await acquire(deadline);
  try {
    return await new Promise<WorkerAnswer>((resolve, reject) => {
      const worker = new Worker(WORKER_URL, {
        workerData: { kind, bytes, maxPdfPages: limits.maxPdfPages },
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.memoryMb / 4)), stackSizeMb: 4 },
        // pdf.js warns on stdout about fonts; a document's complaints are not the server's log.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      let settled = false;
      let ending = false;
      const end = (then: () => void) => {
        ending = true;
        void worker.terminate().finally(() => settle(then));
      };
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      // The slot is given back only once the thread is gone, so a stopped parse never runs on beside a new one.
      const timer = setTimeout(() => {
        const stopped = new IntakeError('parse_timeout', `Reading the ${what} took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped; the file is probably damaged or far too complex.`);
        end(() => reject(stopped));
      }, Math.max(0, deadline - Date.now()));
      worker.once('message', (answer: WorkerAnswer) => {
        end(() => resolve(answer));
      });
      worker.once('error', (err: Error & { code?: string }) => {
        settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new IntakeError('document_too_complex', `Reading the ${what} needed more than ${limits.memoryMb} MB of memory and was stopped.`)
          : new IntakeError('corrupt_file', `This ${what} could not be read (${err.message.slice(0, 120)}).`)));
      });
      worker.once('exit', (code) => {
        if (!ending) settle(() => reject(new IntakeError('corrupt_file', `Reading the ${what} stopped unexpectedly (exit ${code}).`)));
      });
    });
  } finally {
    release();
  }
}

/** Text of a .docx file, one paragraph per line. */
export async function extractDocx(bytes: Uint8Array, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<string> {
  const checked = await checkZipArchive(bytes, limits.zip);
  if ('problem' in checked) {
    const damaged = /damaged|not inflate/.test(checked.problem);
    throw new IntakeError(damaged ? 'corrupt_file' : 'archive_too_large', `This Word document was refused before reading: ${checked.problem}.`);
  }
  const answer = await runWorker('docx', bytes, limits, 'Word document');
  if (!answer.ok) {
    if (answer.code === 'parse_failed') {
      throw new IntakeError('corrupt_file', `This Word document could not be read (${answer.message.slice(0, 120)}); open it in Word and save it again as .docx.`);
    }
    throw new IntakeError('corrupt_file', answer.message);
  }
  return (answer.text ?? '')
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** Indirect objects declared in a PDF's bytes (`12 0 obj`); objects inside object streams are caught by the heap limit. */
export function countPdfObjects(bytes: Uint8Array, stopAfter: number): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const pattern = /\d{1,10}\s+\d{1,5}\s+obj\b/g;
  let n = 0;
  while (pattern.exec(text) !== null) {
    n += 1;
    if (n > stopAfter) break;
  }
  return n;
}

/** Text of a PDF's text layer, cleaned into paragraphs. An image-only PDF gives an empty string. */
export async function extractPdf(bytes: Uint8Array, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<string> {
  if (countPdfObjects(bytes, limits.maxPdfObjects) > limits.maxPdfObjects) {
    throw new IntakeError('document_too_complex', `The PDF has more than ${limits.maxPdfObjects} objects; it was refused before reading.`);
  }
  const answer = await runWorker('pdf', bytes, limits, 'PDF');
  if (!answer.ok) {
    if (answer.code === 'document_too_complex') throw new IntakeError('document_too_complex', answer.message);
    if (/password/iu.test(answer.message)) throw new IntakeError('unsupported_format', 'This PDF is password-protected: remove the protection and upload it again.');
    throw new IntakeError('corrupt_file', `This PDF could not be read (${answer.message.slice(0, 120)}).`);
  }
  return cleanPdfText(answer.pages ?? []);
}
