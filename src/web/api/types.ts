/** Names the UI uses for contract types (src/contract), in one place. */

export type { Locale } from '../../core/locales.ts';
export type { UserResponse as User } from '../../contract/users.ts';
export type { UnitResponse as Unit, UnitDuties } from '../../contract/units.ts';
export type { DocumentResponse as DocumentDetail, DocumentSummaryResponse as DocumentSummary } from '../../contract/documents.ts';
