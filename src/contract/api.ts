/**
 * Every endpoint of the API by module (the server's conformance test walks it) and, as a type, by `METHOD path`
 * (the web's `call` is typed by it). A module's endpoints are declared in its own contract file.
 */
import type { Endpoint, Keyed } from './endpoint.ts';
import { auditEndpoints } from './audit.ts';
import { bulkEndpoints } from './bulk.ts';
import { documentsEndpoints } from './documents.ts';
import { draftsEndpoints } from './drafts.ts';
import { evaluationsEndpoints } from './evaluations.ts';
import { exportsEndpoints } from './exports.ts';
import { healthEndpoints } from './health.ts';
import { homeEndpoints } from './home.ts';
import { importsEndpoints } from './imports.ts';
import { inboxEndpoints } from './inbox.ts';
import { indicatorsEndpoints } from './indicators.ts';
import { inspectionsEndpoints } from './inspections.ts';
import { instructionsEndpoints } from './instructions.ts';
import { leadsEndpoints } from './leads.ts';
import { ledgerEndpoints } from './ledger.ts';
import { noticesEndpoints } from './notices.ts';
import { programmesEndpoints } from './programmes.ts';
import { publicationEndpoints } from './publication.ts';
import { relaysEndpoints } from './relays.ts';
import { reportsEndpoints } from './reports.ts';
import { searchEndpoints } from './search.ts';
import { sessionEndpoints } from './session.ts';
import { statsEndpoints } from './stats.ts';
import { suggestionsEndpoints } from './suggestions.ts';
import { tasksEndpoints } from './tasks.ts';
import { timelineEndpoints } from './timeline.ts';
import { unitsEndpoints } from './units.ts';
import { usersEndpoints } from './users.ts';

export const endpoints = {
  audit: auditEndpoints,
  bulk: bulkEndpoints,
  documents: documentsEndpoints,
  drafts: draftsEndpoints,
  evaluations: evaluationsEndpoints,
  exports: exportsEndpoints,
  health: healthEndpoints,
  home: homeEndpoints,
  imports: importsEndpoints,
  inbox: inboxEndpoints,
  indicators: indicatorsEndpoints,
  inspections: inspectionsEndpoints,
  instructions: instructionsEndpoints,
  leads: leadsEndpoints,
  ledger: ledgerEndpoints,
  notices: noticesEndpoints,
  programmes: programmesEndpoints,
  publication: publicationEndpoints,
  relays: relaysEndpoints,
  reports: reportsEndpoints,
  search: searchEndpoints,
  session: sessionEndpoints,
  stats: statsEndpoints,
  suggestions: suggestionsEndpoints,
  tasks: tasksEndpoints,
  timeline: timelineEndpoints,
  units: unitsEndpoints,
  users: usersEndpoints,
} satisfies Record<string, Record<string, Endpoint>>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** `'GET /api/v1/tasks/:id'` → its endpoint, for every endpoint of every module. */
export type ApiEndpoints = UnionToIntersection<{ [M in keyof typeof endpoints]: Keyed<(typeof endpoints)[M]> }[keyof typeof endpoints]>;
export type ApiKey = keyof ApiEndpoints & string;
