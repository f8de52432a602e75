/**
 * What counts as acceptable text anywhere in Luoshi: the characters refused in every input, and what a title needs
 * to be a title. Pure functions, shared by the HTTP schema layer, the services and the UI.
 */

/**
 * Characters refused in every text input: C0 controls except tab, newline and carriage return; DEL and the C1
 * controls; and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a
 * title or a report read differently on screen from what it is. PostgreSQL cannot even store U+0000 in text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
export const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** True when the text has none of the refused characters. */
export function isPlainText(text: string): boolean {
  return !FORBIDDEN_TEXT.test(text);
}

/** The text with every refused character removed, for text that no schema checked (the inside of uploaded files). */
export function stripForbiddenText(text: string): string {
  return text.replace(new RegExp(FORBIDDEN_TEXT.source, 'gu'), '');
}

/** The sentence naming what `isPlainText` refuses, used in error messages. */
export const PLAIN_TEXT_RULE = 'must not contain control characters (other than tab, newline and carriage return) or bidirectional override characters';

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/gu;
const EDGE_INVISIBLES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * A title as stored: NFC, bidirectional controls removed (titles also arrive from imported documents, which no
 * schema checked), runs of white space as one space, and no blank or invisible format characters at either end.
 * Zero-width joiners inside the title stay: some scripts spell with them.
 */
export function tidyTitle(raw: string): string {
  return raw.normalize('NFC').replace(BIDI_CONTROLS, '').replace(/\s+/gu, ' ').replace(EDGE_INVISIBLES, '');
}

/** True when the text shows at least one letter, digit, punctuation mark or symbol. */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}

/** The tidied title, or null when nothing visible is left or it is longer than `max` characters. */
export function cleanTitleText(raw: string, max: number): string | null {
  const title = tidyTitle(raw);
  return hasVisibleCharacter(title) && title.length <= max ? title : null;
}
