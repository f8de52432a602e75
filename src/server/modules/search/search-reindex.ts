/**
 * `luoshi search reindex`: the search index sits below the modules whose rows it indexes, so the rebuild is wired
 * here, at the top, with each owner's reader of its own rows.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { documentSearchSources } from '../documents/index.ts';
import { findingSearchSources } from '../inspections/index.ts';
import { relayRecordSearchSources } from '../relays/index.ts';
import { reportSearchSources } from '../reports/index.ts';
import { rebuildSearchIndexFrom, type RebuildResult } from '../search-index/index.ts';
import { taskSearchSources } from '../tasks/index.ts';

/** Empties and refills the index in one transaction: readers see the old index until the new one is complete. */
export function rebuildSearchIndex(db: Kysely<DB>): Promise<RebuildResult> {
  return rebuildSearchIndexFrom(db, {
    documents: documentSearchSources,
    tasks: taskSearchSources,
    reports: reportSearchSources,
    findings: findingSearchSources,
    relayRecords: relayRecordSearchSources,
  });
}
