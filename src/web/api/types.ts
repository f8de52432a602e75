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

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  context: unknown;
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  brokenAt?: { seq: number; reason: string };
}

export type { DocumentResponse as DocumentDetail, DocumentSummaryResponse as DocumentSummary } from '../../contract/documents.ts';

export interface Items<T> {
  items: T[];
}
