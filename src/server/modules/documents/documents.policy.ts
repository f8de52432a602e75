/** Who reads and imports documents: the documents module's rule, once (the search and audit scopes ask it too). */
import type { Actor } from '../../platform/auth/actor.ts';

export function canReadDocuments(actor: Actor): boolean {
  return actor.permissions.has('document.read');
}

export function canImportDocuments(actor: Actor): boolean {
  return actor.permissions.has('document.import');
}
