/**
 * What an evidence file (佐证材料) is, judged from its bytes and never from its name or the browser's Content-Type:
 * PDF, Office Open XML (DOCX/XLSX/PPTX), OFD, JPEG/PNG/GIF/WEBP, plain text and CSV. Also the download name and the
 * Content-Disposition header. Pure: no I/O.
 */
import { declaredZipProblem, readZipEntries } from '../../platform/zip.ts';

export type EvidenceKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'ofd' | 'jpeg' | 'png' | 'gif' | 'webp' | 'text' | 'csv';

export interface EvidenceType {
  kind: EvidenceKind;
  mediaType: string;
  /** Extensions a download name may keep; the first is appended when the uploaded name has none of them. */
  extensions: readonly string[];
}

export type SniffResult = { ok: true; type: EvidenceType } | { ok: false; message: string };

const TYPES: Readonly<Record<EvidenceKind, EvidenceType>> = {
  pdf: { kind: 'pdf', mediaType: 'application/pdf', extensions: ['pdf'] },
  docx: { kind: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { kind: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { kind: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  ofd: { kind: 'ofd', mediaType: 'application/ofd', extensions: ['ofd'] },
  jpeg: { kind: 'jpeg', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { kind: 'png', mediaType: 'image/png', extensions: ['png'] },
  gif: { kind: 'gif', mediaType: 'image/gif', extensions: ['gif'] },
  webp: { kind: 'webp', mediaType: 'image/webp', extensions: ['webp'] },
  text: { kind: 'text', mediaType: 'text/plain', extensions: ['txt'] },
  csv: { kind: 'csv', mediaType: 'text/csv', extensions: ['csv'] },
};

export const ACCEPTED_DESCRIPTION = 'PDF, Word/Excel/PowerPoint (DOCX, XLSX, PPTX), OFD, JPEG, PNG, GIF, WEBP, plain text or CSV';

/** Limits on what a ZIP container may declare; beyond them it is treated as a decompression bomb. */
export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxTotalUncompressed: 1024 * 1024 * 1024,
  /** Office XML compresses about 10:1, rarely 30:1; a higher overall ratio on a large payload is not a document. */
  maxRatio: 100,
  ratioAppliesAbove: 16 * 1024 * 1024,
} as const;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * Reads a ZIP's central directory without inflating anything. Only the directory is trusted here: the bytes are
 * stored as uploaded and never unpacked by the server.
 */
export function readZipDirectory(bytes: Uint8Array): { names: string[]; totalUncompressed: number } | { problem: string } {
  const dir = readZipEntries(bytes, ZIP_LIMITS.maxEntries);
  if ('problem' in dir) return dir;
  const problem = declaredZipProblem(dir.entries, bytes.length, { ...ZIP_LIMITS, maxTotalUnpacked: ZIP_LIMITS.maxTotalUncompressed });
  if (problem) return { problem };
  return { names: dir.entries.map((e) => e.name), totalUncompressed: dir.entries.reduce((n, e) => n + e.uncompressedSize, 0) };
}

function sniffZip(bytes: Uint8Array): SniffResult {
  const dir = readZipDirectory(bytes);
  if ('problem' in dir) return { ok: false, message: `Refused: ${dir.problem}` };
  const names = new Set(dir.names);
  if ([...names].some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) {
    return { ok: false, message: 'Macro-enabled Office files are not accepted; save the file as DOCX, XLSX or PPTX without macros' };
  }
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return { ok: true, type: TYPES.docx };
    if (names.has('xl/workbook.xml')) return { ok: true, type: TYPES.xlsx };
    if (names.has('ppt/presentation.xml')) return { ok: true, type: TYPES.pptx };
  }
  // OFD (GB/T 33190) is a ZIP with OFD.xml at its root.
  if (names.has('OFD.xml')) return { ok: true, type: TYPES.ofd };
  return { ok: false, message: `A ZIP archive is not accepted as evidence; upload the files themselves (${ACCEPTED_DESCRIPTION})` };
}

const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function looksLikeText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !ALLOWED_CONTROLS.has(c)) || c === 0x7f) return false;
  }
  return true;
}

// Markup is not "plain text": refused so a page saved as .txt never travels as evidence.
const MARKUP = /^\s*<(?:!doctype|html|svg|\?xml|script)/i;

function sniffText(bytes: Uint8Array, filename: string | null): SniffResult | null {
  const text =
    startsWith(bytes, [0xff, 0xfe]) ? decodeStrict(bytes.subarray(2), 'utf-16le')
    : startsWith(bytes, [0xfe, 0xff]) ? decodeStrict(bytes.subarray(2), 'utf-16be')
    // Excel on Chinese Windows saves CSV in GB18030, so that encoding counts as text too.
    : (decodeStrict(bytes, 'utf-8') ?? decodeStrict(bytes, 'gb18030'));
  if (text === null || !looksLikeText(text.replace(/^\uFEFF/, ''))) return null;
  if (MARKUP.test(text.replace(/^\uFEFF/, ''))) {
    return { ok: false, message: 'HTML, SVG and XML files are not accepted as evidence; print them to PDF instead' };
  }
  // Content says "text"; only the name can tell a CSV from other text, and both are served the same way.
  return { ok: true, type: filename?.toLowerCase().endsWith('.csv') ? TYPES.csv : TYPES.text };
}

/** Decides what a file is from its bytes; anything not on the list is refused with a message a person can act on. */
export function sniffEvidence(bytes: Uint8Array, filename: string | null): SniffResult {
  if (bytes.length === 0) return { ok: false, message: 'The file is empty' };
  if (startsWith(bytes, ascii('%PDF-'))) return { ok: true, type: TYPES.pdf };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: TYPES.jpeg };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: TYPES.png };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { ok: true, type: TYPES.gif };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { ok: true, type: TYPES.webp };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith(bytes, ascii('MZ')) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe])) {
    return { ok: false, message: 'Programs are not accepted as evidence' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { ok: false, message: 'Old Office formats (.doc, .xls, .ppt) are not accepted; save the file as DOCX, XLSX or PPTX, or print it to PDF' };
  }
  return sniffText(bytes, filename) ?? { ok: false, message: `This file type is not accepted; upload ${ACCEPTED_DESCRIPTION}` };
}

const MAX_NAME = 200;
// Bidirectional overrides and isolates let "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
const BIDI_CONTROLS = new Set([0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/**
 * The name an evidence file is stored and downloaded under: the last path segment, no control characters, at most
 * 200 characters, and ending in an extension of its real type, so a download never opens as something it is not.
 */
export function evidenceFilename(raw: string | null | undefined, type: EvidenceType): string {
  const last = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = [...last].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0) && !BIDI_CONTROLS.has(c);
  }).join('').trim();
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const wanted = type.extensions[0] ?? 'bin';
  if (!type.extensions.includes(ext)) name = name ? `${name}.${wanted}` : `evidence.${wanted}`;
  if ([...name].length > MAX_NAME) {
    const suffix = `.${type.extensions.includes(ext) ? ext : wanted}`;
    name = [...name].slice(0, MAX_NAME - suffix.length).join('') + suffix;
  }
  return name;
}

/** `attachment` with an ASCII fallback and the exact name as RFC 5987 `filename*` (UTF-8, percent-encoded). */
export function attachmentDisposition(filename: string): string {
  const fallback = [...filename].map((ch) => (/^[\x20-\x7e]$/.test(ch) && ch !== '"' && ch !== '\\' && ch !== '%' ? ch : '_')).join('');
  // encodeURIComponent leaves ! ' ( ) * as they are; RFC 5987's attr-char does not allow the last four.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
