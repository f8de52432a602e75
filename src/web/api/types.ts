/** The API's response shapes still mirrored by hand from the server's presenters (the rest come from src/contract). */

export type { Locale } from '../../core/locales.ts';
export type { UserResponse as User } from '../../contract/users.ts';
export type { UnitResponse as Unit, UnitDuties } from '../../contract/units.ts';

export interface DocumentSummary {
  id: string;
  title: string;
  issuer: string | null;
  date: string | null;
  script: string;
  encoding: string;
  format: string;
  /** The uploaded file's name (null for pasted text). */
  filename: string | null;
  sha256: string;
  byteSize: number;
  length: number;
  createdAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  /** The original text, exactly as decoded. */
  text: string;
  /** The text to show: the original with the accepted repairs (same length, so spans fit both). */
  displayText: string;
  repairsAccepted: number;
  /** The document this one is the other script's edition of. */
  editionOf: string | null;
}

export interface Items<T> {
  items: T[];
}
