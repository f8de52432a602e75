/** The API's response shapes, mirrored from the server's presenters (src/server/modules/<name>/*.presenter.ts). */

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['admin', 'supervisor', 'leader', 'liaison', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

import type { UserResponse as User } from '../../contract/users.ts';

export type { User };

export interface Me {
  user: User;
  permissions: string[];
  csrfToken: string | null;
  /** What the server accepts: one uploaded file (`uploadBytes`) and a JSON body (`bodyBytes`). */
  limits: { uploadBytes: number; bodyBytes: number; filesPerRequest: number };
}

export type { UnitResponse as Unit, UnitDuties } from '../../contract/units.ts';

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

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
