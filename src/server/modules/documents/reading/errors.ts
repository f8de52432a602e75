/** Refusals of the reading step, each with a stable code the server maps to an HTTP status (too_large → 413). */
export type IntakeErrorCode =
  | 'binary_input'
  | 'undecodable'
  | 'pdf_needs_ocr'
  | 'empty_document'
  | 'too_large'
  | 'unsupported_format'
  | 'corrupt_file'
  /** A ZIP (DOCX) that would unpack to too much, to too many entries, or at a bomb's ratio. */
  | 'archive_too_large'
  /** Too many PDF pages or objects, too long a text, or more memory than a parse may have. */
  | 'document_too_complex'
  /** The parse ran past its time and was stopped. */
  | 'parse_timeout';

export class IntakeError extends Error {
  override readonly name = 'IntakeError';
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isIntakeError(e: unknown): e is IntakeError {
  return e instanceof IntakeError;
}
