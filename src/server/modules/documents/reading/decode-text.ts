/**
 * Bytes → text for plain-text files: BOMs, strict UTF-8, then GB18030 versus Big5 decided by scoring both
 * decodings. Detectors are only one signal: their confidence on short Traditional samples is low, and a Big5 file
 * must never come out as GB18030. iconv-lite decodes Big5-HKSCS (勠) to real characters where Node's own Big5
 * decoder gives private-use code points.
 */
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { frequentChars } from './common-chars.ts';
import { IntakeError } from './errors.ts';

export interface Decoded {
  text: string;
  encoding: string;
}

interface Score {
  encoding: string;
  text: string;
  score: number;
  badShare: number;
}

function utf16(bytes: Uint8Array, littleEndian: boolean, offset: number): string {
  return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(offset));
}

/** Scores a decoding: frequent characters up, rare ones slightly down, replacement and private-use chars well down. */
export function scoreDecoding(text: string): { score: number; badShare: number } {
  const frequent = frequentChars();
  let nonAscii = 0;
  let bad = 0;
  let common = 0;
  let cjk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c <= 0x9f) || (c >= 0xf0000)) bad++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2ffff)) {
      cjk++;
      if (frequent.has(c)) common++;
    }
  }
  if (nonAscii === 0) return { score: 0, badShare: 0 };
  const rare = cjk - common;
  return { score: (2 * common - rare - 6 * bad) / nonAscii, badShare: bad / nonAscii };
}

function candidate(bytes: Uint8Array, encoding: string): Score {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return { encoding, text, ...scoreDecoding(text) };
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > n * 0.01;
}

/** UTF-16 without a BOM shows as a zero in every other byte of ASCII text. */
function bomlessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'be';
  return null;
}

/** Decodes a plain-text file, refusing binary and undecodable input. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(bytes, true, 2), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(bytes, false, 2), encoding: 'utf-16be' };
  const u16 = bomlessUtf16(bytes);
  if (u16) return { text: utf16(bytes, u16 === 'le', 0), encoding: u16 === 'le' ? 'utf-16le' : 'utf-16be' };
  if (looksBinary(bytes)) throw new IntakeError('binary_input', 'This file is binary, not text: upload a .txt, .docx, .pdf or .html document.');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a legacy Chinese encoding, or something else.
  }
  const sample = bytes.length > 256 * 1024 ? bytes.subarray(0, 256 * 1024) : bytes;
  const scores = [candidate(sample, 'gb18030'), candidate(sample, 'big5')];
  let hint: string | null;
  try {
    hint = analyse(sample)[0]?.name ?? null;
  } catch {
    hint = null;
  }
  for (const s of scores) {
    // The detector breaks near-ties only; it is often wrong on short Traditional text.
    if (hint && hint.toLowerCase().replace(/[^a-z0-9]/g, '').startsWith(s.encoding.replace(/[^a-z0-9]/g, ''))) s.score += 0.05;
  }
  scores.sort((a, b) => b.score - a.score);
  const best = scores[0];
  if (!best || best.badShare > 0.1 || best.score < -0.5) {
    throw new IntakeError('undecodable', 'The text encoding could not be recognised (tried UTF-8, UTF-16, GB18030 and Big5): save the file as UTF-8 and try again.');
  }
  const text = sample === bytes ? best.text : iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), best.encoding);
  return { text, encoding: best.encoding };
}
