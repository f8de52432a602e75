/** The ledger's (台账) filter as query parameters, shared by the ledger, the dashboards and anything that counts tasks. */
import { Type, type Static } from 'typebox';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const CsvList = Type.String({ maxLength: 500 });

/** The filter fields; `health`, `state`, `kind` take comma-separated lists. */
export const LEDGER_FILTER_FIELDS = {
  programmeId: Type.Optional(Type.String()),
  areaId: Type.Optional(Type.String()),
  parentId: Type.Optional(Type.String()),
  unitId: Type.Optional(Type.String()),
  health: Type.Optional(CsvList),
  state: Type.Optional(CsvList),
  kind: Type.Optional(CsvList),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  dueFrom: Type.Optional(IsoDate),
  dueTo: Type.Optional(IsoDate),
  q: Type.Optional(Type.String({ maxLength: 200 })),
};

export const LedgerFilterQuery = Type.Object(LEDGER_FILTER_FIELDS, { additionalProperties: false });
export type LedgerFilterQuery = Static<typeof LedgerFilterQuery>;

/** Filled in as the module's routes move to contract endpoints (src/contract/endpoint.ts). */
export const ledgerEndpoints = {};
